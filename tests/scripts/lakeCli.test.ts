/**
 * `npm run lake` on a folder another lake already serves: it says so and leaves that lake's
 * lake.json alone, instead of serving the same files a second time.
 */
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const ROOT = join(import.meta.dirname, '../..')
let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
})
afterAll(() => lake?.close())

it('refuses a folder a running lake serves, and leaves its lake.json', async () => {
  const before = readFileSync(join(lake.dir, 'lake.json'), 'utf8')
  const env = {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ''}
  // Killed after 20 s: a lake that starts runs until stopped.
  const result = await new Promise<{code: number | null; stderr: string}>((done) => {
    execFile(process.execPath, ['scripts/lake.ts', '--dir', lake.dir, '--port', '0'], {cwd: ROOT, env, timeout: 20_000}, (error, _stdout, stderr) => {
      done({code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr})
    })
  })
  expect(result).toEqual({code: 1, stderr: `lake: a lake already serves ${lake.dir} at ${lake.url}: use it (the scripts find it), or stop it first\n`})
  expect(readFileSync(join(lake.dir, 'lake.json'), 'utf8')).toBe(before)
}, 30_000)
