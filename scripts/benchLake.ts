/**
 * The lake bench: at each size, bulk-loads generated articles through the store API, serves
 * them from a child process, and compares p50 latency over HTTP (index pushdown) with plain
 * groq-js over the same documents in memory. Reports the lake process's RSS.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {createClient} from '@sanity/client'
import {evaluate, parse} from 'groq-js'
import {isPublishedId} from '../lake/ids.ts'
import {openLake} from '../lake/store.ts'
import {generateArticleDocuments} from './lib/generateDocuments.ts'

/** Documents per bulk-load transaction: large enough to be fast, small enough to keep memory flat. */
const LOAD_CHUNK = 5000
/** Timed HTTP runs per query (after WARMUP untimed ones). */
const HTTP_RUNS = 200
const WARMUP = 20
/** Plain groq-js scans everything, so fewer runs keep the bench short at 100k. */
const PLAIN_RUNS_BY_SIZE: Record<number, number> = {1000: 50, 10000: 15, 100000: 5}

export const BENCH_QUERIES = {
  'by-slug': '*[_type == "article" && slug.current == $slug][0]{_id, title, "slug": slug.current, publishedAt}',
  'latest-10': '*[_type == "article"] | order(publishedAt desc) [0...10] {_id, title, "slug": slug.current, publishedAt}',
  count: 'count(*[_type == "article"])',
} as const

export interface BenchRow {
  size: number
  query: string
  lakeP50: number
  plainP50: number
  rssMb: number
}

/** Runs the bench at each size; `progress` gets one line per step. */
export async function benchLake(sizes: number[], progress: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'lake-bench-'))
    try {
      const docs = generateArticleDocuments({articles: size})
      let started = performance.now()
      load(dir, docs)
      progress(`${size}: loaded ${docs.length} documents in ${Math.round(performance.now() - started)} ms`)
      const published = docs.filter((doc) => isPublishedId(doc._id))
      const server = await serve(dir)
      try {
        const client = createClient({
          projectId: 'local', dataset: 'production', apiVersion: '2025-02-19',
          useProjectHostname: false, apiHost: server.url, useCdn: false, token: server.token,
        })
        for (const [name, query] of Object.entries(BENCH_QUERIES)) {
          const params = () => (name === 'by-slug' ? {slug: `article-${Math.floor(Math.random() * size)}`} : {})
          started = performance.now()
          const lakeP50 = await p50(HTTP_RUNS, WARMUP, () => client.fetch(query, params()))
          const plainP50 = await p50(PLAIN_RUNS_BY_SIZE[size] ?? 5, 1, async () => {
            const p = params()
            return (await evaluate(parse(query, {params: p}), {dataset: published, params: p})).get()
          })
          rows.push({size, query: name, lakeP50, plainP50, rssMb: rssMb(server.pid)})
          progress(`${size}: ${name} lake p50 ${lakeP50.toFixed(2)} ms, groq-js p50 ${plainP50.toFixed(1)} ms`)
        }
      } finally {
        await server.close()
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }
  return rows
}

/** Bulk-loads `docs` into dataset `production` of the lake in `dir` through the store API. */
export function load(dir: string, docs: Array<{_id: string}>): void {
  const lake = openLake({dir})
  const dataset = lake.dataset('production', {create: true})!
  for (let i = 0; i < docs.length; i += LOAD_CHUNK) {
    dataset.transact(() => docs.slice(i, i + LOAD_CHUNK).map((doc) => ({createOrReplace: doc})), {author: 'bench'})
  }
  lake.close()
}

/** Serves the lake in `dir` from a child process (scripts/lib/benchLakeServer.ts). */
export async function serve(dir: string): Promise<{url: string; token: string; pid: number; close(): Promise<void>}> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'lib/benchLakeServer.ts'), dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const [line] = await new Promise<string[]>((resolve) => {
    createInterface({input: child.stdout}).once('line', (first) => resolve([first]))
  })
  const {url, token} = JSON.parse(line ?? '{}') as {url: string; token: string}
  return {
    url,
    token,
    pid: child.pid ?? 0,
    close: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.stdin.end())),
  }
}

async function p50(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? NaN
}

/** The resident set size of process `pid`, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN)
  return Math.round(kb / 1024)
}
