import {spawn, spawnSync} from 'node:child_process'
import {copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, test} from 'vitest'
import {SEED_NODE_FLAGS} from '../../scripts/lib/seedNodeFlags.ts'
import {startTestLake} from '../helpers/lake.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const NODE = join(ROOT, 'node_modules', '.bin', 'node')
const BAD = join(import.meta.dirname, 'fixtures', 'bad', '005-big-number-without-number.txt')

let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seed-cli-'))
})

afterEach(() => {
  rmSync(dir, {recursive: true, force: true})
  extraEnv = {}
})

/** How the tests start `scripts/seed.ts`: from the repo root, with `LAKE_DIR` in the temp dir. */
let extraEnv: Record<string, string> = {}
const seedCommand = (args: string[]) => ({
  argv: [...SEED_NODE_FLAGS, 'scripts/seed.ts', ...args],
  options: {cwd: ROOT, env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LAKE_DIR: join(dir, 'lake'), ...extraEnv}},
})

/** Runs the seed (against an embedded lake in `LAKE_DIR`, unless one runs there). */
function seed(...args: string[]) {
  const {argv, options} = seedCommand(args)
  const result = spawnSync(NODE, argv, {...options, encoding: 'utf8', timeout: 60_000})
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** `seed`, without blocking this process (for a lake running in it). */
function seedAsync(...args: string[]): Promise<{status: number | null; stdout: string; stderr: string}> {
  const {argv, options} = seedCommand(args)
  const child = spawn(NODE, argv, options)
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return new Promise((resolve) => child.on('close', (status) => resolve({status, stdout, stderr})))
}

async function documentCount(): Promise<number> {
  const lake = await startTestLake({dir: join(dir, 'lake')})
  try {
    return await lake.client().fetch<number>('count(*)', {}, {perspective: 'raw'})
  } finally {
    await lake.close()
  }
}

describe('npm run seed', () => {
  test('imports seed/articles and prints the article back; a re-run writes nothing', async () => {
    const first = seed()
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية  [ar, machine translation from en]')
    expect(first.stdout).toContain('  رقم ضخم (bigNumber): 3 (value 3) هذا هو عدد')
    expect(first.stdout).toContain(
      '  original source: North Korea Denies Selling Weapons To Moscow As Russias Isolation Grows · Forbes · 2022-09-22 · https://www.forbes.com/sites/roberthart/2022/09/22/north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows/',
    )
    expect(first.stdout).toContain('  documents  5 created, 0 updated, 0 unchanged')
    expect(first.stdout).toContain('  writes     1 transactions, 5 mutations')
    const second = seed()
    expect(second.status).toBe(0)
    expect(second.stdout).toContain('  documents  0 created, 0 updated, 5 unchanged')
    expect(second.stdout).toContain('  writes     0 transactions, 0 mutations')
    expect(await documentCount()).toBe(5)
  })

  test('a bad file: exit 1, its message, and nothing written, not even the good files', async () => {
    const bad = join(dir, 'bad.txt')
    copyFileSync(BAD, bad)
    const result = seed('seed/articles', bad)
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      `error: ${bad}:7: the "Big Number" section must start with a number, e.g. "3."\n1 of 2 files have errors; nothing was written.\n`,
    )
    expect(result.stdout).toBe('')
    // The embedded lake is opened only after every file passed the check.
    expect(existsSync(join(dir, 'lake'))).toBe(false)
  })

  test('every path it cannot read is named, not only the first', () => {
    const result = seed(join(dir, 'nope'), 'seed/articles', join(dir, 'missing.txt'))
    expect(result.status).toBe(1)
    const reason = 'no such file or folder; give article files or a folder of them, e.g. seed/articles'
    expect(result.stderr).toBe(`error: ${join(dir, 'nope')}: ${reason}\nerror: ${join(dir, 'missing.txt')}: ${reason}\n`)
  })

  test('an error with a column is printed file:line:column, as editors and terminals jump to it', () => {
    const bad = join(dir, 'bad.txt')
    copyFileSync(join(import.meta.dirname, 'fixtures', 'bad', '009-source-line-url-without-scheme.txt'), bad)
    const result = seed(bad)
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(
      `error: ${bad}:7:9: "www.forbes.com/sites/janedoe/2022/08/18/congress-passes-drought-relief-package/" is not a web address; write the full URL of the original article, starting with https://\n1 of 1 files have errors; nothing was written.\n`,
    )
  })

  test('a running lake is used (asked for its publishers while the files are checked)', async () => {
    const lake = await startTestLake({dir: join(dir, 'lake')})
    try {
      await lake.client().create({_id: 'publisher-forbes-inc', _type: 'publisher', name: 'Forbes Inc.', aliases: ['Forbes']})
      const result = await seedAsync()
      expect(result.stderr).toBe('')
      expect(result.stdout).toContain(`target: ${lake.url} dataset production`)
      const article = await lake.client().fetch('*[_type == "article"][0]{"publisher": publisher._ref, "sources": furtherReading[]->publisher._ref}')
      expect(article).toEqual({publisher: 'publisher-forbes-inc', sources: ['publisher-forbes-inc']})
    } finally {
      await lake.close()
    }
  })

  test('makes the dataset it is asked to seed on a local lake, embedded or running', async () => {
    extraEnv = {SANITY_DATASET: 'newsroom'}
    expect(seed().status).toBe(0)
    const lake = await startTestLake({dir: join(dir, 'lake')})
    try {
      expect(await lake.client({dataset: 'newsroom'}).fetch('count(*[_type == "article"])')).toBe(1)
      extraEnv = {SANITY_DATASET: 'archive'}
      const result = await seedAsync()
      expect(result.stderr).toBe('')
      expect(await lake.client({dataset: 'archive'}).fetch('count(*[_type == "article"])')).toBe(1)
    } finally {
      await lake.close()
    }
  })

  test('an answer the target refuses is one line, not a stack trace (a dry run into a dataset a running lake has not)', async () => {
    const lake = await startTestLake({dir: join(dir, 'lake')})
    try {
      extraEnv = {SANITY_DATASET: 'newsroom'}
      const result = await seedAsync('--dry-run')
      expect({status: result.status, stderr: result.stderr}).toEqual({status: 1, stderr: 'error: Not Found - Dataset "newsroom" not found\n'})
    } finally {
      await lake.close()
    }
  })

  test('--strict turns an unknown heading into an error', () => {
    const result = seed('--strict', join(import.meta.dirname, 'fixtures', 'bad', '025-unknown-heading-strict.txt'))
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('025-unknown-heading-strict.txt:7: "Timeline" looks like a heading but is not a Forbes one')
  })

  test('--out writes NDJSON and nothing to the lake', async () => {
    const out = join(dir, 'seed.ndjson')
    const result = seed('--out', out)
    expect(result.status).toBe(0)
    const docs = readFileSync(out, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line))
    expect(docs.map((doc) => doc._type)).toEqual(['publisher', 'person', 'source', 'source', 'article'])
    expect(existsSync(join(dir, 'lake'))).toBe(false)
  })

  test('--out into a folder that is not there: one line, before anything is planned', () => {
    const out = join(dir, 'missing', 'seed.ndjson')
    const result = seed('--out', out)
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr: `error: --out ${out}: ENOENT: no such file or directory, open '${out}'; nothing was written\n`,
    })
  })

  test('an unknown option: usage and exit 2', () => {
    const result = seed('--force')
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('usage: npm run seed -- [files or folders …] [--dry-run] [--replace] [--strict] [--out file.ndjson]')
  })
})
