/**
 * A snapshot whose manifest (snapshot.json) or a document file was truncated or edited by hand:
 * restore, diff and a new snapshot into the folder name the file and the field, and write nothing,
 * not even the dataset a restore would have made. A folder that cannot be made is named.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runScript} from '../helpers/runScript.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const GOOD = '{\n  "format": "sanity-lake-snapshot",\n  "version": 1\n}\n'
const PERSON = '{\n  "_id": "person-ada",\n  "_type": "person",\n  "name": "Ada"\n}\n'
let lake: TestLake
let work: string

/** A snapshot folder of one person, with `manifest` as its snapshot.json. */
function snapshotDir(name: string, manifest: string, person = PERSON): string {
  const dir = join(work, name)
  mkdirSync(join(dir, 'documents'), {recursive: true})
  writeFileSync(join(dir, 'snapshot.json'), manifest)
  writeFileSync(join(dir, 'documents', 'person-ada.json'), person)
  return dir
}

const snapshot = (lakeDir: string, ...args: string[]) => runScript(['scripts/snapshot.ts', ...args], {LAKE_DIR: lakeDir})
const damaged = (dir: string, problem: string) =>
  `snapshot: ${join(dir, 'snapshot.json')} is not a snapshot manifest (${problem}): every snapshot's holds ` +
  '{"format":"sanity-lake-snapshot","version":1}; take it from version control or another snapshot\n'

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'snapshot-manifest-'))
  lake = await startTestLake()
})
afterAll(async () => {
  await lake?.close()
  rmSync(work, {recursive: true, force: true})
})

describe('a damaged snapshot.json', () => {
  it.each([
    ['truncated', '{\n  "format": "sanity-lake-snap', 'not JSON: Unterminated string in JSON at position 31 (line 2 column 30)'],
    ['empty', '', 'not JSON: Unexpected end of JSON input'],
    ['a list', '[]\n', 'not a JSON object'],
    ['without version', '{"format": "sanity-lake-snapshot"}\n', '"version" is missing'],
    ['of another format', '{"format": "sanity-export", "version": 1}\n', '"format" is "sanity-export", not "sanity-lake-snapshot"'],
    ['of a later version', '{"format": "sanity-lake-snapshot", "version": 2}\n', '"version" is 2, not 1'],
    ['with a version as text', '{"format": "sanity-lake-snapshot", "version": "1"}\n', '"version" is "1", not 1'],
  ])('%s: restore names the file and the field, and makes no dataset', async (name, manifest, problem) => {
    const dir = snapshotDir(name, manifest)
    const result = await snapshot(lake.dir, 'restore', dir, '--dataset', 'staging')
    expect(result).toEqual({code: 1, stdout: '', stderr: damaged(dir, problem)})
    expect((await lake.client().datasets.list()).map((dataset) => dataset.name)).toEqual(['production'])
  })

  it('restore into a lake opened in process leaves its folder empty', async () => {
    const dir = snapshotDir('embedded', '{"format": "sanity-lake-snapshot", "version": 2}\n')
    const lakeDir = mkdtempSync(join(work, 'lake-'))
    const result = await snapshot(lakeDir, 'restore', dir)
    expect(result).toEqual({code: 1, stdout: '', stderr: damaged(dir, '"version" is 2, not 1')})
    expect(readdirSync(lakeDir)).toEqual([])
  })

  it('diff names it', async () => {
    const good = snapshotDir('good', GOOD)
    const dir = snapshotDir('diffed', '{"format": "sanity-lake-snapshot"}\n')
    expect(await snapshot(lake.dir, 'diff', good, dir)).toEqual({code: 1, stdout: '', stderr: damaged(dir, '"version" is missing')})
  })

  it('a new snapshot into its folder is refused, and its files are left as they were', async () => {
    const manifest = '{"format": "my-notes"}\n'
    const dir = snapshotDir('written', manifest, '{"mine": true}\n')
    writeFileSync(join(dir, 'documents', 'budget.json'), '{"total": 3}\n')
    const result = await snapshot(lake.dir, dir)
    expect(result).toEqual({code: 1, stdout: '', stderr: damaged(dir, '"format" is "my-notes", not "sanity-lake-snapshot"')})
    expect(readdirSync(join(dir, 'documents')).sort()).toEqual(['budget.json', 'person-ada.json'])
    expect([readFileSync(join(dir, 'snapshot.json'), 'utf8'), readFileSync(join(dir, 'documents', 'person-ada.json'), 'utf8')]).toEqual([manifest, '{"mine": true}\n'])
  })
})

describe('a document file without its _type', () => {
  it.each([
    ['missing', '{"_id": "person-ada", "name": "Ada"}\n', 'missing'],
    ['empty', '{"_id": "person-ada", "_type": "", "name": "Ada"}\n', '""'],
    ['a number', '{"_id": "person-ada", "_type": 7, "name": "Ada"}\n', '7'],
  ])('%s: restore names the file and writes nothing', async (name, person, shown) => {
    const dir = snapshotDir(`type-${name}`, GOOD, person)
    const result = await snapshot(lake.dir, 'restore', dir)
    const file = join(dir, 'documents', 'person-ada.json')
    expect(result).toEqual({code: 1, stdout: '', stderr: `snapshot: ${file}: "_type" is ${shown}, not a type name: fix it, or take it from an earlier snapshot\n`})
    expect(await lake.client().fetch('count(*)', {}, {perspective: 'raw'})).toBe(0)
  })

  it('a whole snapshot of the same document restores', async () => {
    const dir = snapshotDir('whole', GOOD)
    const result = await snapshot(lake.dir, 'restore', dir, '--dataset', 'whole')
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
    expect(await lake.client({dataset: 'whole'}).getDocument('person-ada')).toMatchObject({_id: 'person-ada', _type: 'person', name: 'Ada'})
  })
})

describe('a snapshot folder that cannot be made', () => {
  it('inside a file: named with what to do', async () => {
    const file = join(work, 'notes.txt')
    writeFileSync(file, 'mine\n')
    const folder = join(file, 'documents')
    expect(await snapshot(lake.dir, file)).toEqual({
      code: 1,
      stdout: '',
      stderr: `snapshot: cannot make ${folder} (ENOTDIR: not a directory, mkdir '${folder}'): name a folder for the snapshot that can be written, e.g. ./snapshot\n`,
    })
    expect(readFileSync(file, 'utf8')).toBe('mine\n')
  })
})
