/**
 * A running lake started with LAKE_TOKEN keeps no token file: a command that needs the token and
 * is run without LAKE_TOKEN says which variable to set, instead of a 401 (history), or a snapshot
 * or a drafts query that silently leave the drafts out.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runScript} from '../helpers/runScript.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake
let work: string

function run(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return runScript(args, {LAKE_DIR: lake.dir})
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lake-token-'))
  lake = await startTestLake({token: 'token-from-the-environment'})
  await lake.client().create({_id: 'person-ada', _type: 'person', name: 'Ada'})
  await lake.client().create({_id: 'drafts.person-ada', _type: 'person', name: 'Ada Lovelace'})
})
afterAll(async () => {
  await lake?.close()
  rmSync(work, {recursive: true, force: true})
})

describe('a running lake whose token the scripts cannot find', () => {
  const message = () => `the lake at ${lake.url} needs its token for this command and ${join(lake.dir, 'token')} is missing: set LAKE_TOKEN to the token the lake printed when it started`

  it('snapshot names LAKE_TOKEN and writes nothing (it wrote the published document only)', async () => {
    const dir = join(work, 'snapshot')
    expect(await run(['scripts/snapshot.ts', dir])).toEqual({code: 2, stdout: '', stderr: `snapshot: ${message()}\n`})
    expect(existsSync(dir)).toBe(false)
  })

  it('history names LAKE_TOKEN', async () => {
    expect(await run(['scripts/history.ts', 'person-ada'])).toEqual({code: 2, stdout: '', stderr: `history: ${message()}\n`})
  })

  it('query with a drafts perspective names LAKE_TOKEN (it answered with the published document)', async () => {
    const result = await run(['scripts/query.ts', '*[_id == "person-ada"][0].name', '--perspective', 'drafts'])
    expect(result).toEqual({code: 2, stdout: '', stderr: `query: ${message()}\n`})
    expect((await run(['scripts/query.ts', '*[_id == "person-ada"][0].name'])).stdout).toBe('"Ada"\n')
  })
})
