/**
 * `npm run lake` on a folder another lake already serves: it says so and leaves that lake's
 * lake.json alone, instead of serving the same files a second time. A bad `--cors-origin` is named.
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
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

it('refuses a --cors-origin that is not a URL, saying what it takes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lake-cli-'))
  try {
    const env = {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ''}
    const result = await new Promise<{code: number | null; stderr: string}>((done) => {
      execFile(process.execPath, ['scripts/lake.ts', '--dir', dir, '--port', '0', '--cors-origin', 'localhost:3000'], {cwd: ROOT, env, timeout: 20_000}, (error, _stdout, stderr) => {
        done({code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr})
      })
    })
    expect(result).toEqual({code: 1, stderr: 'lake: CORS origin must be an http(s) URL such as http://localhost:3000, got "localhost:3000"\n'})
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}, 30_000)
