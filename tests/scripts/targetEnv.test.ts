/**
 * A target configured wrongly (a malformed SANITY_PROJECT_ID, SANITY_DATASET or --dataset, a hosted
 * project without the token a command needs, a LAKE_DIR that is no lake's folder or holds none) gets one line
 * that names what to fix and exit code 2 from every script, never a stack trace. Nothing here
 * reaches a network: each case is refused before the first request.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runScript} from '../helpers/runScript.ts'
import {startTestLake} from '../helpers/lake.ts'

let work: string

function run(env: Record<string, string>, args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return runScript(args, {LAKE_DIR: join(work, 'lake'), ...env})
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'target-env-'))
})
afterAll(() => rmSync(work, {recursive: true, force: true}))

const DATASET_RULE = 'use lowercase letters, digits, "_" and "-" (at most 64), starting with a letter or digit, e.g. production'

describe('a malformed target', () => {
  it.each([
    ['query', ['scripts/query.ts', 'count(*)']],
    ['history', ['scripts/history.ts', 'deleted']],
    ['snapshot', ['scripts/snapshot.ts', 'snap']],
  ])('%s names SANITY_DATASET, SANITY_PROJECT_ID or --dataset', async (script, args) => {
    const dataset = await run({SANITY_DATASET: 'Prod'}, args)
    expect(dataset).toEqual({code: 2, stdout: '', stderr: `${script}: SANITY_DATASET "Prod" is not a dataset name: ${DATASET_RULE}\n`})
    const option = await run({}, [...args, '--dataset', 'my dataset'])
    expect(option).toEqual({code: 2, stdout: '', stderr: `${script}: --dataset "my dataset" is not a dataset name: ${DATASET_RULE}\n`})
    const project = await run({SANITY_PROJECT_ID: 'my project!', SANITY_API_WRITE_TOKEN: 'sk'}, args)
    expect(project).toEqual({
      code: 2,
      stdout: '',
      stderr: `${script}: SANITY_PROJECT_ID "my project!" is not a project id: copy it from sanity.io/manage (letters, digits and dashes), or unset it to use the local lake\n`,
    })
  })

  it('the seed names SANITY_DATASET', async () => {
    const result = await run({SANITY_DATASET: 'Prod'}, ['scripts/seed.ts', 'seed/articles'])
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 2, stderr: `error: SANITY_DATASET "Prod" is not a dataset name: ${DATASET_RULE}\n`})
  })
})

describe('a hosted project without the token a command needs', () => {
  const hosted = {SANITY_PROJECT_ID: 'abc123'}
  const write = 'SANITY_PROJECT_ID is set but SANITY_API_WRITE_TOKEN is not: this command writes to project abc123, so set SANITY_API_WRITE_TOKEN to a token with write access (Editor; sanity.io/manage, API, Tokens)'
  const read = 'SANITY_PROJECT_ID is set but no token is: this command reads drafts or history of project abc123, so set SANITY_API_READ_TOKEN (Viewer) or SANITY_API_WRITE_TOKEN'

  it('history restore and snapshot restore name SANITY_API_WRITE_TOKEN, even with a read token', async () => {
    expect(await run({...hosted, SANITY_API_READ_TOKEN: 'sk-read'}, ['scripts/history.ts', 'restore', 'person-ada'])).toEqual({code: 2, stdout: '', stderr: `history: ${write}\n`})
    expect(await run(hosted, ['scripts/snapshot.ts', 'restore', 'snap'])).toEqual({code: 2, stdout: '', stderr: `snapshot: ${write}\n`})
  })

  it('history, snapshot and a query of drafts name the read token', async () => {
    expect(await run(hosted, ['scripts/query.ts', '*[0]', '--perspective', 'drafts'])).toEqual({code: 2, stdout: '', stderr: `query: ${read}\n`})
    expect(await run(hosted, ['scripts/history.ts', 'person-ada'])).toEqual({code: 2, stdout: '', stderr: `history: ${read}\n`})
    expect(await run(hosted, ['scripts/snapshot.ts', 'snap'])).toEqual({code: 2, stdout: '', stderr: `snapshot: ${read}\n`})
  })

  it('the seed names SANITY_API_WRITE_TOKEN once its files are checked', async () => {
    const result = await run(hosted, ['scripts/seed.ts', 'seed/articles'])
    expect({code: result.code, last: result.stderr.split('\n').at(-2)}).toEqual({code: 2, last: `error: ${write}`})
  })
})

describe('a LAKE_DIR that is no lake', () => {
  it('a file instead of a folder is named, with what to do', async () => {
    const file = join(work, 'notes.txt')
    writeFileSync(file, 'not a lake')
    // A writer (reads are refused sooner: no lake there), with a snapshot it reads before the target opens.
    const snapshot = join(work, 'empty-snapshot')
    mkdirSync(snapshot)
    writeFileSync(join(snapshot, 'snapshot.json'), '{"format": "sanity-lake-snapshot", "version": 1}\n')
    const result = await run({LAKE_DIR: file}, ['scripts/snapshot.ts', 'restore', snapshot])
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `snapshot: cannot open the local lake in ${file} (LAKE_DIR): EEXIST: file already exists, mkdir '${file}'. Set LAKE_DIR to a lake's folder, or to a new one\n`,
    })
  })

  it('a dataset file that is not SQLite is named, and left as it was', async () => {
    const dir = join(work, 'damaged')
    mkdirSync(dir)
    writeFileSync(join(dir, 'production.sqlite'), 'garbage')
    const result = await run({LAKE_DIR: dir}, ['scripts/history.ts', 'deleted'])
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `history: cannot open the local lake in ${dir} (LAKE_DIR): file is not a database. Set LAKE_DIR to a lake's folder, or to a new one\n`,
    })
    expect(readFileSync(join(dir, 'production.sqlite'), 'utf8')).toBe('garbage')
  })
})

describe('a LAKE_DIR the Studio cannot start its lake in', () => {
  it('is named with what to do, without a stack', async () => {
    const dir = join(work, 'damaged-for-studio')
    mkdirSync(dir)
    writeFileSync(join(dir, 'production.sqlite'), 'garbage')
    const result = await run({LAKE_DIR: dir, LAKE_PORT: '0'}, ['scripts/studio.ts'])
    expect({code: result.code, stderr: result.stderr}).toEqual({
      code: 1,
      stderr: `studio: cannot start the lake in ${dir} (LAKE_DIR): file is not a database. Set LAKE_DIR to a lake's folder, or to a new one\n`,
    })
  })
})

describe('a dataset that does not exist', () => {
  const missing = (place: string) => `there is no dataset "prodution" in ${place}: check --dataset and SANITY_DATASET (default production)`

  it('is a 404 for a read on the lake opened in process, as on a running lake, named with what to check, and no file is made', async () => {
    const dir = join(work, 'fresh')
    await (await startTestLake({dir})).close()
    const result = await run({LAKE_DIR: dir}, ['scripts/query.ts', 'count(*)', '--dataset', 'prodution'])
    expect(result).toEqual({code: 1, stdout: '', stderr: `query: ${missing(`embedded lake in ${dir}`)}\n`})
    expect(readdirSync(dir).filter((file) => file.startsWith('prodution'))).toEqual([])
  })

  it.each([
    ['query', ['scripts/query.ts', 'count(*)'], ''],
    ['history', ['scripts/history.ts', 'deleted'], 'header'],
    ['snapshot', ['scripts/snapshot.ts', 'snap'], ''],
    ['snapshot --git', ['scripts/snapshot.ts', '--git', 'repo'], ''],
  ])('%s names it on a running lake, with what to check', async (script, args, header) => {
    const lake = await startTestLake()
    try {
      const result = await run({LAKE_DIR: lake.dir}, [...args.map((arg) => (arg === 'snap' || arg === 'repo' ? join(work, arg) : arg)), '--dataset', 'prodution'])
      const name = script.split(' ')[0]
      expect(result).toEqual({code: 1, stdout: header ? `(${lake.url} dataset prodution)\n` : '', stderr: `${name}: ${missing(lake.url)}\n`})
    } finally {
      await lake.close()
    }
  })
})

describe('a folder that holds no lake', () => {
  it('is named for a read, and nothing is made in it', async () => {
    const dir = join(work, 'my-documents')
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    for (const args of [['scripts/query.ts', 'count(*)'], ['scripts/history.ts', 'deleted'], ['scripts/snapshot.ts', join(work, 'snap')]]) {
      const script = args[0]?.slice('scripts/'.length, -'.ts'.length)
      expect(await run({LAKE_DIR: dir}, args)).toEqual({
        code: 2,
        stdout: '',
        stderr: `${script}: no local lake in ${dir} (LAKE_DIR) and none running: seed one (npm run seed), start one (npm run lake), or set LAKE_DIR to a lake's folder\n`,
      })
    }
    expect(readdirSync(dir)).toEqual(['notes.txt'])
  })
})
