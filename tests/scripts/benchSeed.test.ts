/**
 * The seed bench's own logic, without running a bench (`npm run bench -- seed` does that): the
 * articles it generates, how it summarizes runs, its table and its command line.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, test, vi} from 'vitest'
import {formatSeedTable, formatSeedTarget, writeArticleFiles, runSeedBench, summarizeRuns, type ChildResult, type SeedBenchRow} from '../../scripts/benchSeed.ts'
import {importArticles} from '../../seed/import/importArticles.ts'
import {listArticleFiles} from '../../seed/import/readArticleFiles.ts'

const run = (ms: number, rssMb: number): ChildResult => ({ms, cpuMs: ms * 2, lakeCpuMs: ms / 2, rssMb, heapMb: 10})

describe('the seed bench', () => {
  test('generates articles the seed accepts, each with its own slug and sources, alternating Arabic and English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-seed-test-'))
    try {
      writeArticleFiles(dir, 4)
      const documents: Array<{_id: string; _type: string}> = []
      const result = await importArticles(null, await listArticleFiles([dir]), {
        now: () => '2026-12-06T00:00:00.000Z',
        out: (line) => documents.push(JSON.parse(line)),
      })
      expect(result.errors).toEqual([])
      expect(result.articles.map(({slug, language}) => `${language} ${slug}`)).toEqual([
        'ar bench-article-0',
        'en bench-article-1',
        'ar bench-article-2',
        'en bench-article-3',
      ])
      const ofType = (type: string) => documents.filter((doc) => doc._type === type).map((doc) => doc._id)
      expect(ofType('article')).toEqual(['article-ar-bench-article-0', 'article-en-bench-article-1', 'article-ar-bench-article-2', 'article-en-bench-article-3'])
      expect(ofType('person')).toEqual(['person-author0', 'person-author1', 'person-author2', 'person-author3'])
      expect(ofType('publisher')).toEqual(['publisher-forbes', 'publisher-new-york-times'])
      // Its original source and a further-reading source of its own per article, plus one the
      // English template's articles share.
      expect(ofType('source')).toHaveLength(4 * 2 + 1)
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  test('summarizes runs by the median time (not the first or the mean), the fastest, the slowest and the highest peak RSS', () => {
    const runs = summarizeRuns([run(300, 90), run(100, 120), run(250, 80), run(900, 70), run(200, 100)])
    expect(runs).toEqual({median: run(250, 80), fastestMs: 100, slowestMs: 900, rssMb: 120})
    expect(summarizeRuns([run(400, 50), run(100, 60)])).toEqual({median: run(100, 60), fastestMs: 100, slowestMs: 400, rssMb: 60})
    expect(() => summarizeRuns([])).toThrow('bench: at least one run is needed')
  })

  test('tabulates articles/s of the median run, the range from the slowest to the fastest, per-article CPU and the ratio to @sanity/import', () => {
    const row: SeedBenchRow = {
      size: 1000,
      runs: 3,
      seed: {median: {ms: 500, cpuMs: 1500, lakeCpuMs: 250, rssMb: 200, heapMb: 12}, fastestMs: 400, slowestMs: 800, rssMb: 210},
      rerun: {ms: 1234, cpuMs: 0, lakeCpuMs: 0, rssMb: 0, heapMb: 0},
      embedded: {median: {ms: 800, cpuMs: 1800, lakeCpuMs: 0, rssMb: 230, heapMb: 0}, fastestMs: 625, slowestMs: 1000, rssMb: 240},
      sanityImport: {median: {ms: 2000, cpuMs: 0, lakeCpuMs: 0, rssMb: 300, heapMb: 0}, fastestMs: 1000, slowestMs: 2500, rssMb: 320},
      documents: {seed: 3203, sanityImport: 3203},
    }
    const table = formatSeedTable([row, {...row, size: 10, documents: {seed: 35, sanityImport: 34}}]).split('\n')
    const cells = (line: string | undefined) => line?.split('|').slice(1, -1).map((cell) => cell.trim())
    expect(cells(table[0])).toEqual([
      'articles',
      'docs',
      'runs',
      'seed art/s',
      'seed art/s range',
      'seed s',
      'seed CPU ms/art',
      'lake CPU ms/art',
      'seed peak RSS MB',
      'seed heap after MB',
      're-run s (0 writes)',
      '@sanity/import art/s',
      '@sanity/import range',
      '@sanity/import peak RSS MB',
      'seed vs import',
      'default art/s',
      'default range',
      'default CPU ms/art',
      'default peak RSS MB',
    ])
    expect(cells(table[2])).toEqual(['1000', '3203', '3', '2000', '1250–2500', '0.50', '1.50', '0.25', '210', '12', '1.23', '500', '400–1000', '320', '4.00x', '1250', '1000–1600', '1.80', '240'])
    // Different document counts are shown, not hidden behind one number.
    expect(cells(table[3])?.slice(0, 2)).toEqual(['10', '35 vs 34'])
    expect(new Set(table.map((line) => line.length)).size).toBe(1)
  })

  test('says under the table whether both paths reach the target at 10,000 articles, from their median runs', () => {
    const runs = (ms: number): SeedBenchRow['seed'] => ({median: {ms, cpuMs: 0, lakeCpuMs: 0, rssMb: 0, heapMb: 0}, fastestMs: ms, slowestMs: ms, rssMb: 0})
    const row = (size: number, seedMs: number, embeddedMs: number): SeedBenchRow => ({
      size,
      runs: 1,
      seed: runs(seedMs),
      rerun: runs(0).median,
      embedded: runs(embeddedMs),
      sanityImport: runs(1),
      documents: {seed: 0, sanityImport: 0},
    })
    expect(formatSeedTarget([row(1000, 100, 100)])).toBeNull()
    expect(formatSeedTarget([row(1000, 100, 100), row(10_000, 4000, 3900)])).toBe(
      'target at 10000 articles: ≥ 2500 art/s on both paths; running lake 2500, default path 2564: met',
    )
    expect(formatSeedTarget([row(10_000, 3900, 6500)])).toBe('target at 10000 articles: ≥ 2500 art/s on both paths; running lake 2564, default path 1538: not met')
  })

  test.each([
    [['--sizes', '1000,x'], 'bench seed: --sizes must be comma-separated positive integers, got "1000,x"'],
    [['--sizes', '0'], 'bench seed: --sizes must be comma-separated positive integers, got "0"'],
    [['--runs', '0'], 'bench seed: --runs must be a positive integer, got "0"'],
    [['--runs', '1.5'], 'bench seed: --runs must be a positive integer, got "1.5"'],
  ])('refuses %j with exit code 2 before running anything', async (args, message) => {
    const errors: unknown[][] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...line) => void errors.push(line))
    try {
      expect(await runSeedBench(args)).toBe(2)
    } finally {
      spy.mockRestore()
    }
    expect(errors).toEqual([[message]])
  })
})
