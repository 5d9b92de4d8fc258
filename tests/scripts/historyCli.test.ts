/**
 * Issue 15, history from the command line: an editor's change to the seeded Arabic article is
 * listed, diffed and restored with `npm run history`; a deleted source is listed and comes back
 * as a draft. The script runs as a child process against a running test lake.
 */
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {SEED_NODE_FLAGS} from '../../scripts/lib/seedNodeFlags.ts'
import {runScript} from '../helpers/runScript.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const SLUG = 'north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
const ID = `article-ar-${SLUG}`
let lake: TestLake
let client: SanityClient
let seeded: Record<string, unknown> & {sections: Array<{_key: string; body: Array<{_key: string; children?: Array<{_key: string; text: string}>}>}>}

function run(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return runScript(args, {LAKE_DIR: lake.dir})
}
const history = (...args: string[]) => run(['scripts/history.ts', ...args])
/** The revision ids of the table `history <id>` prints, oldest first. */
const revisions = (stdout: string) => stdout.split('\n').slice(3, -2).map((line) => line.split(' ')[0])

beforeAll(async () => {
  lake = await startTestLake()
  client = lake.client()
  const seed = await run([...SEED_NODE_FLAGS, 'scripts/seed.ts'])
  expect(seed.code).toBe(0)
  seeded = (await client.getDocument(ID)) as typeof seeded
  const keyFacts = seeded.sections[1]!
  const paragraph = keyFacts.body[1]!
  const span = paragraph.children![0]!
  const bigNumber = seeded.sections[3]!
  const number = bigNumber.body[0]!
  const path = `sections[_key=="${keyFacts._key}"].body[_key=="${paragraph._key}"].children[_key=="${span._key}"].text`
  const numberPath = `sections[_key=="${bigNumber._key}"].body[_key=="${number._key}"]`
  const edit = (set: Record<string, unknown>) =>
    client.action({actionType: 'sanity.action.document.edit', publishedId: ID, draftId: `drafts.${ID}`, patch: {set}})
  await edit({[path]: span.text.replace('المسؤول', 'الناطق')})
  await edit({[`${numberPath}.display`]: '4', [`${numberPath}.value`]: 4})
  await client.action({actionType: 'sanity.action.document.publish', publishedId: ID, draftId: `drafts.${ID}`})
}, 60_000)
afterAll(() => lake?.close())

describe('npm run history', () => {
  it('lists the Arabic article\'s revisions, found by its slug, in an editor\'s words', async () => {
    const result = await history(SLUG)
    expect(result.code).toBe(0)
    const rows = result.stdout.split('\n').slice(3, -2).map((line) => line.split(/ {2,}/).slice(2))
    expect(rows).toEqual([
      ['p-local-editor', 'published', 'published'],
      ['p-local-editor', 'draft', 'draft created; Key Facts, paragraph 2 edited'],
      ['p-local-editor', 'draft', 'big number 3 → 4'],
      ['p-local-editor', 'published', 'published from the draft; Key Facts, paragraph 2 edited; big number 3 → 4'],
    ])
  })

  it('diffs the imported revision against the published document, the Arabic word marked in an RTL isolate', async () => {
    const [imported] = revisions((await history(ID)).stdout)
    const result = await history('diff', ID, imported ?? '', 'published', '--no-color')
    expect(result.code).toBe(0)
    const lines = result.stdout.split('\n').slice(2, -1)
    expect(lines.map((line) => line.split(' - ')[0])).toEqual(['Key Facts:', '  paragraph 2:', '    \u2067[-المسؤول-]{+الناطق+}', 'Big Number:', '  Big number:', '    [-3-]{+4+}'])
    expect(lines[2]?.endsWith('\u2069')).toBe(true)
  })

  it('restores the imported revision as the draft through the actions API, leaving the published document alone', async () => {
    const [imported] = revisions((await history(ID)).stdout)
    const published = await client.getDocument(ID)
    const result = await history('restore', ID, imported ?? '')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`Restored ${ID} from revision ${imported}`)
    const {_id, _rev, _updatedAt, _createdAt, ...draft} = (await client.getDocument(`drafts.${ID}`)) ?? {}
    const {_id: _i, _rev: _r, _updatedAt: _u, _createdAt: _c, ...original} = seeded
    expect(draft).toEqual(original)
    expect(await client.getDocument(ID)).toEqual(published)
    expect((await history('diff', ID, 'published', 'draft', '--no-color')).stdout).toContain('Big Number:\n  Big number:\n    [-4-]{+3+}\n')
  })

  it('lists a deleted source with who deleted it and when, and restores it as a draft', async () => {
    await client.createOrReplace({_id: 'source-extra', _type: 'source', title: 'Extra reading'})
    await client.action({actionType: 'sanity.action.document.delete', publishedId: 'source-extra', includeDrafts: []})
    const deleted = await history('deleted')
    expect(deleted.stdout.split('\n').slice(1, 3).map((line) => line.split(/ {2,}/))).toEqual([
      ['id', 'type', 'deleted (UTC)', 'by', 'title'],
      ['source-extra', 'source', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), 'p-local-editor', 'Extra reading'],
    ])
    const restored = await history('restore', 'source-extra')
    expect(restored.stdout).toContain('created the draft (the document was deleted)')
    expect(await client.getDocument('drafts.source-extra')).toMatchObject({_type: 'source', title: 'Extra reading'})
    expect((await history('deleted')).stdout).toContain('No deleted documents.')
  })

  it('lists a deleted document\'s Arabic title in a right-to-left isolate, as diff lines are', async () => {
    await client.createOrReplace({_id: 'source-arabic', _type: 'source', title: 'ماذا نعرف عن كوريا الشمالية (2024)?'})
    await client.action({actionType: 'sanity.action.document.delete', publishedId: 'source-arabic', includeDrafts: []})
    const row = (await history('deleted')).stdout.split('\n').find((line) => line.startsWith('source-arabic '))
    expect(row?.split(/ {2,}/).at(-1)).toBe('\u2067ماذا نعرف عن كوريا الشمالية (2024)?\u2069')
  })

  it('leaves out references to documents deleted since, as the Studio\'s restore does', async () => {
    await client.create({_id: 'person-temp', _type: 'person', name: 'Temp'})
    await client.create({_id: 'article-temp', _type: 'article', title: 'Temp', authors: [{_key: 'a', _type: 'reference', _ref: 'person-temp'}]})
    await client.action({actionType: 'sanity.action.document.delete', publishedId: 'article-temp', includeDrafts: []})
    await client.action({actionType: 'sanity.action.document.delete', publishedId: 'person-temp', includeDrafts: []})
    const restored = await history('restore', 'article-temp')
    expect({code: restored.code, last: restored.stdout.split('\n').at(-2)}).toEqual({
      code: 0,
      last: 'Left out references to documents that no longer exist: person-temp',
    })
    expect(await client.getDocument('drafts.article-temp')).toMatchObject({title: 'Temp', authors: []})
  })

  it('says an unknown id or slug has no revisions, with exit code 1', async () => {
    const result = await history('article-en-no-such-slug')
    expect(result).toEqual({
      code: 1,
      stdout: `(${lake.url} dataset production)\n`,
      stderr: 'history: no revisions of article-en-no-such-slug in dataset "production": check the id or slug, and --dataset\n',
    })
  })

  it('takes the id of a release version for its document, whose whole family it lists', async () => {
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rAutumn', metadata: {title: 'Autumn', releaseType: 'asap'}})
    await client.action({
      actionType: 'sanity.action.document.version.create',
      publishedId: 'person-roberthart',
      document: {_id: 'versions.rAutumn.person-roberthart', _type: 'person', name: 'Robert Hart (autumn)'},
    })
    const byVersion = await history('versions.rAutumn.person-roberthart')
    expect({code: byVersion.code, stdout: byVersion.stdout}).toEqual({code: 0, stdout: (await history('person-roberthart')).stdout})
    const rows = byVersion.stdout.split('\n').slice(3, -2).map((line) => line.split(/ {2,}/).slice(3))
    expect({title: byVersion.stdout.split('\n')[1], rows}).toEqual({
      title: 'History of person-roberthart, oldest first',
      rows: [
        ['published', 'published'],
        ['release rAutumn', 'added to release rAutumn; Name edited; Slug removed'],
      ],
    })
  })

  it('answers --help with usage (exit 0) and unknown options or arguments with usage (exit 2)', async () => {
    const help = await history('--help')
    expect({code: help.code, first: help.stdout.split('\n')[0]}).toEqual({code: 0, first: 'Usage:'})
    const unknown = await history('--bogus')
    expect({code: unknown.code, usage: unknown.stderr.includes('Usage:')}).toEqual({code: 2, usage: true})
    expect((await history('diff', ID)).code).toBe(2)
  })
})
