/**
 * `node scripts/benchSeed.ts [--sizes 1000,10000] [--runs 3]` (or `npm run bench -- seed`): the seed bench. At each size,
 * generates that many articles (half Arabic, half English) as text files, imports them end to end
 * (read, parse, validate, plan, transactions of up to 10 articles) into a fresh running local lake,
 * re-runs the import (zero writes), imports them along the default path (`npm run seed` with no
 * lake running: an embedded lake in the seed's own process, its handler called in process), and
 * imports the same documents as NDJSON with `@sanity/import` into another fresh lake. Each importer runs `--runs` times (a fresh lake each time; the table gives
 * the median and the range) in its own child process, so its peak RSS is its own.
 * The `seed …` columns are the running-lake path, the `default …` ones the default path.
 * Targets: ≥ 1,000 articles/s, faster than @sanity/import, memory flat as N grows.
 */
import {spawn} from 'node:child_process'
import {createReadStream, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parseCommandLine} from './lib/commandLine.ts'
import {createClient, type SanityClient} from '@sanity/client'
import {sanityImport} from '@sanity/import'
import {startLake} from '../lake/serve.ts'
import {checkArticles, keepBytesFor} from '../seed/import/checkArticles.ts'
import {importArticles} from '../seed/import/importArticles.ts'
import {loadPublisherNames} from '../seed/import/matchPublishers.ts'
import {listArticleFiles} from '../seed/import/readArticleFiles.ts'
import {ParseWorker} from '../seed/import/parseWorker.ts'
import {documentCountQuery} from '../seed/import/seedQueries.ts'
import {SEED_NODE_FLAGS} from './lib/seedNodeFlags.ts'
import {localClient, resolveTarget} from './lib/target.ts'

const SEED_ARTICLE = join(import.meta.dirname, '..', 'seed', 'articles', '000_f58be128c4b82355.txt')
const ENGLISH_ARTICLE = join(import.meta.dirname, '..', 'tests', 'seed', 'fixtures', 'good', '001-english-full-vocabulary.txt')
/** Forbes has a few hundred contributors: shared authors exercise the shared-document path. */
const AUTHORS = 200

/**
 * What a child importer reports: time, its CPU time (user + system, whole process), peak RSS, the
 * heap still in use after a final GC; and the CPU time the lake (in the bench process) spent meanwhile.
 */
export interface ChildResult {
  ms: number
  cpuMs: number
  lakeCpuMs: number
  rssMb: number
  heapMb: number
}

/** Several runs of one importer, each into a fresh lake: the median run, and the spread. */
export interface Runs {
  /** The run with the median time (its CPU, heap and lake CPU are reported). */
  median: ChildResult
  fastestMs: number
  slowestMs: number
  /** The highest peak RSS of all runs. */
  rssMb: number
}

export interface SeedBenchRow {
  size: number
  runs: number
  seed: Runs
  rerun: ChildResult
  /** The default path: the seed with an embedded lake in its process (its CPU and RSS include the lake's). */
  embedded: Runs
  sanityImport: Runs
  documents: {seed: number; sanityImport: number}
}

/** Default runs per importer and size: the machines are shared, so a single run can be far off the median. */
const RUNS = 3

/** Writes `n` article files: the seed (Arabic) and the English fixture with unique titles, slugs and sources. */
export function writeArticleFiles(dir: string, n: number): void {
  const arabic = readFileSync(SEED_ARTICLE, 'utf8')
  const english = readFileSync(ENGLISH_ARTICLE, 'utf8')
  for (let i = 0; i < n; i++) {
    const slug = `bench-article-${i}`
    const author = `author${i % AUTHORS}`
    const template = i % 2 === 0 ? arabic : english
    const text = template
      .replace(/\/sites\/[a-z]+\/(\d{4})\/(\d\d)\/(\d\d)\/[a-z0-9-]+\//, `/sites/${author}/$1/$2/$3/${slug}/`)
      .replace(/^(.*)\n/, `$1 ${i}\n`)
      .replace(/\(Forbes\)|\(فوربس\)/, (publisher) => `${publisher} https://www.forbes.com/sites/${author}/2022/01/01/related-${i}/`)
    writeFileSync(join(dir, `${String(i).padStart(6, '0')}.txt`), text)
  }
}

function client(url: string, token: string): SanityClient {
  return createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useProjectHostname: false, apiHost: url, useCdn: false, token})
}

const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024)

/** Runs in the child process: one importer, timed, printing `{ms, rssMb}` as JSON. */
async function child(mode: string, url: string, token: string, input: string): Promise<void> {
  const started = performance.now()
  if (mode === 'seed' || mode === 'seed-embedded') {
    const files = await listArticleFiles([input])
    const worker = ParseWorker.startFor(files.length)
    try {
      // As `npm run seed` does: a running lake's publishers are read while the files are checked;
      // an embedded lake (`url` is its data directory) is opened once the check passed.
      const running = mode === 'seed' ? localClient(url, token, 'production') : null
      const publishers = running ? loadPublisherNames(running) : undefined
      const check = await checkArticles(files, {worker, keepBytes: keepBytesFor(files.length)})
      if (check.errors.length > 0) throw check.errors[0]
      const target = running ? null : await resolveTarget({LAKE_DIR: url}, {createDataset: true})
      try {
        const client = running ?? target?.client ?? null
        const options = {now: () => new Date().toISOString(), worker, prepared: check.prepared, publishers: publishers ?? (client ? loadPublisherNames(client) : undefined)}
        const result = await importArticles(client, files, options)
        if (result.errors.length > 0) throw result.errors[0]
      } finally {
        await target?.close()
      }
    } finally {
      await worker?.close()
    }
  } else {
    await sanityImport(createReadStream(input), {client: client(url, token), operation: 'create'})
  }
  const ms = performance.now() - started
  globalThis.gc?.()
  const cpu = process.cpuUsage()
  console.log(JSON.stringify({ms, cpuMs: (cpu.user + cpu.system) / 1000, rssMb: rssMb(), heapMb: Math.round(process.memoryUsage().heapUsed / 1024 / 1024)}))
}

/** Runs an importer in a child process; async, because the lake it talks to lives in this one. */
async function runChild(mode: string, url: string, token: string, input: string): Promise<ChildResult> {
  const lakeCpu = process.cpuUsage()
  // The seed runs with the flags `npm run seed` uses; @sanity/import with Node's defaults, as its CLI does.
  const flags = mode === 'sanity-import' ? [] : SEED_NODE_FLAGS
  const proc = spawn(process.execPath, ['--expose-gc', ...flags, import.meta.filename, '--child', mode, '--url', url, '--token', token, '--input', input], {cwd: join(import.meta.dirname, '..')})
  let stdout = ''
  let stderr = ''
  proc.stdout.on('data', (chunk) => (stdout += chunk))
  proc.stderr.on('data', (chunk) => (stderr += chunk))
  const status = await new Promise<number | null>((resolve) => proc.on('close', resolve))
  if (status !== 0) throw new Error(`bench child ${mode} failed:\n${stderr}`)
  const {user, system} = process.cpuUsage(lakeCpu)
  return {...JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'), lakeCpuMs: (user + system) / 1000}
}

/** `run` `count` times, one after the other (runs in parallel would share the CPU). */
async function repeat(count: number, run: (index: number) => Promise<ChildResult>): Promise<Runs> {
  const results: ChildResult[] = []
  for (let index = 0; index < count; index++) results.push(await run(index))
  return summarizeRuns(results)
}

/** The runs of one importer summarized: the median by time, the spread and the highest peak RSS. */
export function summarizeRuns(results: ChildResult[]): Runs {
  const byTime = [...results].sort((a, b) => a.ms - b.ms)
  const median = byTime[Math.floor((byTime.length - 1) / 2)]
  if (!median) throw new Error('bench: at least one run is needed')
  return {median, fastestMs: byTime[0]?.ms ?? median.ms, slowestMs: byTime.at(-1)?.ms ?? median.ms, rssMb: Math.max(...results.map((result) => result.rssMb))}
}

/**
 * Runs the bench at each size and returns one row per size. Each importer runs `runs` times,
 * each time into a fresh lake; the seed's re-run (nothing to write) runs once, on the last lake.
 */
export async function benchSeed(sizes: number[], log: (line: string) => void, runs = RUNS): Promise<SeedBenchRow[]> {
  const rows: SeedBenchRow[] = []
  for (const size of sizes) {
    const root = mkdtempSync(join(tmpdir(), 'bench-seed-'))
    try {
      const articles = join(root, 'articles')
      mkdirSync(articles)
      log(`${size}: generating articles`)
      writeArticleFiles(articles, size)
      let rerun: ChildResult | null = null
      let seedCount = 0
      const seed = await repeat(runs, async (index) => {
        const seedLake = await startLake({dir: join(root, `lake-seed-${index}`), port: 0})
        try {
          log(`${size}: seed import (run ${index + 1} of ${runs})`)
          const result = await runChild('seed', seedLake.url, seedLake.token, articles)
          if (index === runs - 1) {
            log(`${size}: seed re-run (unchanged)`)
            rerun = await runChild('seed', seedLake.url, seedLake.token, articles)
            seedCount = await client(seedLake.url, seedLake.token).fetch(documentCountQuery)
          }
          return result
        } finally {
          await seedLake.close()
        }
      })
      const embedded = await repeat(runs, async (index) => {
        log(`${size}: seed into an embedded lake, the default path (run ${index + 1} of ${runs})`)
        return runChild('seed-embedded', join(root, `lake-embedded-${index}`), '', articles)
      })
      const ndjson = join(root, 'articles.ndjson')
      const out = createWriteStream(ndjson)
      await importArticles(null, await listArticleFiles([articles]), {now: () => new Date().toISOString(), out: (line) => out.write(`${line}\n`)})
      await new Promise((resolve) => out.end(resolve))
      let importCount = 0
      const sanityImport = await repeat(runs, async (index) => {
        const importLake = await startLake({dir: join(root, `lake-import-${index}`), port: 0})
        try {
          log(`${size}: @sanity/import (run ${index + 1} of ${runs})`)
          const result = await runChild('sanity-import', importLake.url, importLake.token, ndjson)
          importCount = await client(importLake.url, importLake.token).fetch(documentCountQuery)
          return result
        } finally {
          await importLake.close()
        }
      })
      if (!rerun) throw new Error('bench: the seed re-run did not run')
      rows.push({size, runs, seed, rerun, embedded, sanityImport, documents: {seed: seedCount, sanityImport: importCount}})
    } finally {
      rmSync(root, {recursive: true, force: true})
    }
  }
  return rows
}

/** Articles per second of a run that imported `size` articles in `ms`, rounded. */
function articlesPerSecond(size: number, ms: number): number {
  return Math.round(size / (ms / 1000))
}

/** Issue 13's target for both paths, at TARGET_ARTICLES bench articles. */
const TARGET_ARTICLES_PER_SECOND = 2500
const TARGET_ARTICLES = 10_000

/**
 * The line under the table that compares both paths with the target, from the row of
 * TARGET_ARTICLES articles (null when the bench did not run that size).
 */
export function formatSeedTarget(rows: SeedBenchRow[]): string | null {
  const row = rows.find((candidate) => candidate.size === TARGET_ARTICLES)
  if (!row) return null
  const [running, embedded] = [articlesPerSecond(row.size, row.seed.median.ms), articlesPerSecond(row.size, row.embedded.median.ms)]
  const paths = [`running lake ${running}`, `default path ${embedded}`]
  const met = Math.min(running, embedded) >= TARGET_ARTICLES_PER_SECOND
  return `target at ${TARGET_ARTICLES} articles: ≥ ${TARGET_ARTICLES_PER_SECOND} art/s on both paths; ${paths.join(', ')}: ${met ? 'met' : 'not met'}`
}

/** The bench table, one row per size: medians of the runs, with the range of their rates. */
export function formatSeedTable(rows: SeedBenchRow[]): string {
  const rate = (size: number, ms: number): string => String(articlesPerSecond(size, ms))
  const range = (size: number, runs: Runs): string => `${rate(size, runs.slowestMs)}–${rate(size, runs.fastestMs)}`
  const perArticle = (size: number, ms: number): string => (ms / size).toFixed(2)
  const header = [
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
  ]
  const body = rows.map((row) => [
    String(row.size),
    row.documents.seed === row.documents.sanityImport ? String(row.documents.seed) : `${row.documents.seed} vs ${row.documents.sanityImport}`,
    String(row.runs),
    rate(row.size, row.seed.median.ms),
    range(row.size, row.seed),
    (row.seed.median.ms / 1000).toFixed(2),
    perArticle(row.size, row.seed.median.cpuMs),
    perArticle(row.size, row.seed.median.lakeCpuMs),
    String(row.seed.rssMb),
    String(row.seed.median.heapMb),
    (row.rerun.ms / 1000).toFixed(2),
    rate(row.size, row.sanityImport.median.ms),
    range(row.size, row.sanityImport),
    String(row.sanityImport.rssMb),
    `${(row.sanityImport.median.ms / row.seed.median.ms).toFixed(2)}x`,
    rate(row.size, row.embedded.median.ms),
    range(row.size, row.embedded),
    perArticle(row.size, row.embedded.median.cpuMs),
    String(row.embedded.rssMb),
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]?.length ?? 0)))
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n')
}

const SEED_USAGE = 'Usage: npm run bench -- seed [--sizes 1000,10000] [--runs 3]'

/**
 * The seed bench's command line (`--sizes 1000,10000`); also reached as `npm run bench -- seed`.
 * Returns the exit code.
 */
export async function runSeedBench(args: string[]): Promise<number> {
  const {values} = parseCommandLine(SEED_USAGE, {
    args,
    options: {sizes: {type: 'string', default: '1000,10000'}, runs: {type: 'string', default: String(RUNS)}, child: {type: 'string'}, url: {type: 'string'}, token: {type: 'string'}, input: {type: 'string'}},
  })
  if (values.child) {
    await child(values.child, values.url ?? '', values.token ?? '', values.input ?? '')
    return 0
  }
  const sizes = values.sizes.split(',').map(Number)
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    console.error(`bench seed: --sizes must be comma-separated positive integers, got "${values.sizes}"`)
    return 2
  }
  const runs = Number(values.runs)
  if (!Number.isInteger(runs) || runs <= 0) {
    console.error(`bench seed: --runs must be a positive integer, got "${values.runs}"`)
    return 2
  }
  const rows = await benchSeed(sizes, (line) => console.error(`[bench seed] ${line}`), runs)
  console.log(formatSeedTable(rows))
  const target = formatSeedTarget(rows)
  if (target) console.log(target)
  return 0
}

if (import.meta.main) process.exitCode = await runSeedBench(process.argv.slice(2))
