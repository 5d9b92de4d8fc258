import {copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {writeArticleFiles} from '../../scripts/benchSeed.ts'
import {checkArticles} from '../../seed/import/checkArticles.ts'
import {importArticles} from '../../seed/import/importArticles.ts'
import {ParseWorker} from '../../seed/import/parseWorker.ts'
import {prepareFile, sizeOf} from '../../seed/import/prepareArticle.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const BAD = join(import.meta.dirname, 'fixtures', 'bad')
let dir: string
let files: string[]
let worker: ParseWorker

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seed-worker-'))
  writeArticleFiles(dir, 240)
  // Bad files and a duplicate at both ends, so that both threads meet problems.
  copyFileSync(join(BAD, '003-title-only.txt'), join(dir, '000005.txt'))
  copyFileSync(join(dir, '000010.txt'), join(dir, '000230.txt'))
  copyFileSync(join(BAD, '007-missing-source-line.txt'), join(dir, '000235.txt'))
  writeFileSync(join(dir, '000120.txt'), 'Title only\n')
  files = readdirSync(dir).sort().map((name) => join(dir, name))
  worker = new ParseWorker()
})

afterAll(async () => {
  await worker.close()
  rmSync(dir, {recursive: true, force: true})
})

const now = () => '2026-01-01T00:00:00.000Z'
/** The generated files without the bad ones and the duplicate (see beforeAll). */
const goodFiles = () => files.filter((_, i) => ![5, 120, 230, 235].includes(i))

/** Every document of a lake, without what differs between two imports of the same files. */
async function contents(lake: TestLake): Promise<Array<Record<string, unknown>>> {
  const docs = await lake.client().fetch<Array<Record<string, unknown>>>('*[] | order(_id)', {}, {perspective: 'raw'})
  return docs.map(({_rev, _createdAt, _updatedAt, ...rest}) => rest)
}

describe('the parse worker', () => {
  test('checking with the worker gives exactly what checking on one thread gives, in file order', async () => {
    const progress: number[] = []
    const alone = await checkArticles(files)
    const shared = await checkArticles(files, {worker, onProgress: (done) => progress.push(done)})
    expect(shared.errors.map((e) => e.message)).toEqual(alone.errors.map((e) => e.message))
    expect(shared.warnings).toEqual(alone.warnings)
    expect(alone.errors.map((e) => e.file)).toEqual([files[5], files[120], files[230], files[235]])
    expect(shared.errors.every((e) => e.constructor.name === 'SeedError')).toBe(true)
    expect(progress.at(-1)).toBe(files.length)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })

  test('importing with the worker writes the same documents as importing without it', async () => {
    const good = goodFiles()
    const [a, b] = [await startTestLake(), await startTestLake()]
    try {
      const withWorker = await importArticles(a.client(), good, {now, worker})
      const without = await importArticles(b.client(), good, {now})
      expect(withWorker.errors).toEqual([])
      expect(withWorker.counts).toEqual(without.counts)
      expect(withWorker.counts.articles).toBe(good.length)
      expect(await contents(a)).toEqual(await contents(b))
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  test('NDJSON for `sanity dataset import` is the same with the worker as without it', async () => {
    const good = goodFiles()
    const lines = async (options: {worker?: ParseWorker}) => {
      const out: unknown[] = []
      await importArticles(null, good, {now, out: (line) => out.push(JSON.parse(line)), ...options})
      return out
    }
    const withWorker = await lines({worker})
    expect(withWorker.length).toBeGreaterThan(good.length)
    expect(withWorker).toEqual(await lines({}))
  })

  test('the check keeps what it prepared, on both threads, within its budget; the import uses it and writes the same', async () => {
    const good = goodFiles()
    const all = await checkArticles(good, {worker, keepBytes: Number.POSITIVE_INFINITY})
    expect([...all.prepared.keys()]).toEqual(good)
    for (const file of [good[0]!, good[101]!, good.at(-1)!]) expect(all.prepared.get(file)).toEqual(await prepareFile(file, false))
    const budget = Math.round([...all.prepared.values()].reduce((sum, prepared) => sum + sizeOf(prepared), 0) / 3)
    const some = await checkArticles(good, {worker, keepBytes: budget})
    const kept = [...some.prepared.values()].reduce((sum, prepared) => sum + sizeOf(prepared), 0)
    expect(kept).toBeLessThanOrEqual(budget)
    expect(kept).toBeGreaterThan(budget * 0.9)
    expect(some.prepared.size).toBeLessThan(good.length / 2)
    expect((await checkArticles(files, {worker, keepBytes: Number.POSITIVE_INFINITY})).prepared.size).toBe(0)

    const [a, b] = [await startTestLake(), await startTestLake()]
    try {
      const withKept = await importArticles(a.client(), good, {now, worker, prepared: some.prepared})
      const parsed = await importArticles(b.client(), good, {now})
      expect(some.prepared.size).toBe(0)
      expect(withKept.errors).toEqual([])
      expect(withKept.counts).toEqual(parsed.counts)
      expect(await contents(a)).toEqual(await contents(b))
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  test('prepares each file as the main thread would, as text beside its documents\' ids', async () => {
    const some = [goodFiles()[0]!, goodFiles()[100]!, goodFiles().at(-1)!]
    const answers = await worker.prepare(some, false)
    expect(answers).toHaveLength(some.length)
    for (const [i, {ids, text}] of answers.entries()) {
      const expected = await prepareFile(some[i]!, false)
      expect(JSON.parse(text)).toEqual(expected)
      expect(ids).toEqual([...expected.documents.related.map((doc) => doc._id), expected.documents.article._id])
    }
  })

  test('a file that stopped parsing between check and import fails with its message, not a hang', async () => {
    const changed = join(dir, 'changed.txt')
    writeFileSync(changed, 'Title only\n')
    await expect(worker.prepare([changed], false)).rejects.toThrow(`${changed}:1:`)
  })

  test('small runs parse on the main thread; large ones get a worker', async () => {
    expect(ParseWorker.startFor(10)).toBeNull()
    const started = ParseWorker.startFor(10_000)
    expect(started).toBeInstanceOf(ParseWorker)
    await started?.close()
  })
})
