/**
 * Issue 15, keep for good: `npm run snapshot` writes a lake's dataset (drafts, release versions
 * and the release included) as files; restored into an empty lake and snapshotted again it is
 * byte-identical; a dataset that is not empty is refused unless --force; two snapshots compare.
 */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {SEED_NODE_FLAGS} from '../../scripts/lib/seedNodeFlags.ts'
import {runScript} from '../helpers/runScript.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const ID = 'article-ar-north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
let source: TestLake
let target: TestLake
let work: string

function run(lake: TestLake, args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return runScript(args, {LAKE_DIR: lake.dir})
}
const snapshot = (lake: TestLake, ...args: string[]) => run(lake, ['scripts/snapshot.ts', ...args])

/** Every file under `dir`, path → bytes. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      files[relative(dir, path)] = readFileSync(path, 'latin1')
    }
  }
  return files
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'snapshot-'))
  source = await startTestLake()
  target = await startTestLake()
  expect((await run(source, [...SEED_NODE_FLAGS, 'scripts/seed.ts'])).code).toBe(0)
  const client = source.client()
  await client.action({actionType: 'sanity.action.document.edit', publishedId: ID, draftId: `drafts.${ID}`, patch: {set: {title: 'مسودة العنوان'}}})
  await client.action({actionType: 'sanity.action.release.create', releaseId: 'rSpring1', metadata: {title: 'Spring', releaseType: 'asap'}})
  const published = await client.getDocument(ID)
  await client.action({
    actionType: 'sanity.action.document.version.create',
    publishedId: ID,
    document: {...published, _id: `versions.rSpring1.${ID}`, _type: 'article', title: 'عنوان الإصدار'},
  })
}, 60_000)
afterAll(async () => {
  await source?.close()
  await target?.close()
  rmSync(work, {recursive: true, force: true})
})

describe('npm run snapshot', () => {
  it('writes one file per document, drafts, versions and the release included', async () => {
    const result = await snapshot(source, join(work, 'a'))
    expect(result.code).toBe(0)
    expect(Object.keys(tree(join(work, 'a'))).sort()).toEqual([
      'documents/_.releases.rSpring1.json',
      `documents/${ID}.json`,
      `documents/drafts.${ID}.json`,
      'documents/person-roberthart.json',
      'documents/publisher-forbes.json',
      'documents/source-5040b1e79092b450.json',
      'documents/source-d8f3062b5912371f.json',
      `documents/versions.rSpring1.${ID}.json`,
      'snapshot.json',
    ])
  })

  it('refuses a folder that is no snapshot but has a documents/ folder with files, and leaves them', async () => {
    const mine = join(work, 'mine')
    mkdirSync(join(mine, 'documents'), {recursive: true})
    writeFileSync(join(mine, 'documents', 'budget.json'), '{"total": 3}\n')
    const result = await snapshot(source, mine)
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `snapshot: ${mine} is not a snapshot (no snapshot.json) but ${join(mine, 'documents')} has 1 file(s), which a snapshot would overwrite or remove: choose a new folder or an earlier snapshot\n`,
    })
    expect(tree(mine)).toEqual({'documents/budget.json': '{"total": 3}\n'})
  })

  it('restores into an empty lake, and a snapshot of that lake is byte-identical', async () => {
    const restored = await snapshot(target, 'restore', join(work, 'a'))
    expect({code: restored.code, stderr: restored.stderr}).toEqual({code: 0, stderr: ''})
    expect((await snapshot(target, join(work, 'b'))).code).toBe(0)
    expect(tree(join(work, 'b'))).toEqual(tree(join(work, 'a')))
  })

  it('restores into a new dataset of a running lake, which it makes', async () => {
    const restored = await snapshot(target, 'restore', join(work, 'a'), '--dataset', 'staging')
    expect({code: restored.code, stderr: restored.stderr}).toEqual({code: 0, stderr: ''})
    expect(await target.client({dataset: 'staging'}).fetch('count(*)', {}, {perspective: 'raw'})).toBe(8)
  })

  it('refuses a dataset that is not empty unless --force', async () => {
    const refused = await snapshot(target, 'restore', join(work, 'a'))
    expect({code: refused.code, stderr: refused.stderr}).toEqual({
      code: 1,
      stderr: 'snapshot: dataset "production" has 8 document(s): a snapshot is only restored into an empty dataset (--force replaces the documents with the same ids and keeps the others)\n',
    })
    expect((await snapshot(target, 'restore', join(work, 'a'), '--force')).code).toBe(0)
  })

  it('says how much a restore that failed half-way wrote, and how to go on', async () => {
    const broken = join(work, 'broken')
    mkdirSync(join(broken, 'documents'), {recursive: true})
    writeFileSync(join(broken, 'snapshot.json'), readFileSync(join(work, 'a', 'snapshot.json')))
    // 30 documents of 50 KB fill the first transaction (about 1 MB); the last one points nowhere.
    for (let i = 0; i < 30; i++) {
      writeFileSync(join(broken, 'documents', `person-p${i}.json`), JSON.stringify({_id: `person-p${i}`, _type: 'person', name: 'x'.repeat(50_000)}))
    }
    const source = {_id: 'source-zz', _type: 'source', publisher: {_type: 'reference', _ref: 'publisher-missing'}}
    writeFileSync(join(broken, 'documents', 'source-zz.json'), JSON.stringify(source))
    const empty = await startTestLake()
    try {
      const result = await snapshot(empty, 'restore', broken)
      expect({code: result.code, stderr: result.stderr}).toEqual({
        code: 1,
        stderr:
          'snapshot: Mutation(s) failed with 1 error(s):\n- Document "source-zz" references non-existent document "publisher-missing"\n' +
          'snapshot: 21 of 31 document(s) were restored before this and stay in the dataset: fix the cause, then run the restore again with --force to write them all\n',
      })
      expect(await empty.client().fetch('count(*)')).toBe(21)
    } finally {
      await empty.close()
    }
  })

  it('restores a scheduled release: its versions are written before the release, which locks them', async () => {
    const scheduled = await startTestLake()
    const empty = await startTestLake()
    try {
      const client = scheduled.client()
      await client.action({actionType: 'sanity.action.release.create', releaseId: 'rLater1', metadata: {title: 'Later', releaseType: 'scheduled'}})
      await client.action({
        actionType: 'sanity.action.document.version.create',
        publishedId: 'embargoed',
        document: {_id: 'versions.rLater1.embargoed', _type: 'article', title: 'محظور النشر'},
      })
      await client.action({actionType: 'sanity.action.release.schedule', releaseId: 'rLater1', publishAt: '2031-01-01T00:00:00.000Z'})
      const dir = join(work, 'scheduled')
      expect((await snapshot(scheduled, dir)).code).toBe(0)
      const restored = await snapshot(empty, 'restore', dir)
      expect({code: restored.code, stderr: restored.stderr}).toEqual({code: 0, stderr: ''})
      expect(await empty.client().getDocuments(['_.releases.rLater1', 'versions.rLater1.embargoed'])).toMatchObject([
        {state: 'scheduled', publishAt: '2031-01-01T00:00:00.000Z'},
        {title: 'محظور النشر'},
      ])
    } finally {
      await scheduled.close()
      await empty.close()
    }
  })

  it('compares two snapshots document by document, field by field', async () => {
    await source.client().patch(`drafts.${ID}`).set({title: 'مسودة العنوان الجديد'}).commit()
    await source.client().create({_id: 'person-x', _type: 'person', name: 'X'})
    expect((await snapshot(source, join(work, 'c'))).code).toBe(0)
    const diff = await snapshot(source, 'diff', join(work, 'a'), join(work, 'c'), '--no-color')
    expect(diff.stdout.split('\n')).toEqual([
      `~ drafts.${ID}`,
      '  Title:',
      '      \u2067مسودة العنوان {+الجديد+}\u2069',
      '+ person-x (added)',
      '1 added, 0 removed, 1 changed',
      '',
    ])
  })

  it('names a document file that is not JSON', async () => {
    const damaged = join(work, 'damaged')
    mkdirSync(join(damaged, 'documents'), {recursive: true})
    writeFileSync(join(damaged, 'snapshot.json'), readFileSync(join(work, 'a', 'snapshot.json')))
    const file = join(damaged, 'documents', 'person-roberthart.json')
    writeFileSync(file, '{"_id": "person-roberthart",\n<<<<<<< HEAD\n')
    const diff = await snapshot(source, 'diff', join(work, 'a'), damaged)
    expect(diff).toEqual({
      code: 1,
      stdout: '',
      stderr: `snapshot: ${file} is not JSON (Expected double-quoted property name in JSON at position 29 (line 2 column 1)): fix it, or take it from an earlier snapshot\n`,
    })
  })

  it('refuses --dataset and --force with diff, which compares two folders only', async () => {
    const result = await snapshot(source, 'diff', join(work, 'a'), join(work, 'b'), '--dataset', 'staging')
    expect({code: result.code, stdout: result.stdout, first: result.stderr.split('\n')[0]}).toEqual({
      code: 2,
      stdout: '',
      first: 'snapshot: diff compares two snapshot folders: --dataset and --force do not apply (snapshot the dataset first)',
    })
    expect((await snapshot(source, 'diff', join(work, 'a'), join(work, 'b'), '--force')).code).toBe(2)
  })

  it('answers --help with usage (exit 0) and unknown options with usage (exit 2)', async () => {
    const help = await snapshot(source, '--help')
    expect({code: help.code, first: help.stdout.split('\n')[0]}).toEqual({code: 0, first: 'Usage:'})
    const unknown = await snapshot(source, '--bogus')
    expect({code: unknown.code, usage: unknown.stderr.includes('Usage:')}).toEqual({code: 2, usage: true})
    expect((await snapshot(source, 'diff', work)).code).toBe(2)
  })
})
