/**
 * `npm run bench -- history [--sizes 10000]`: at each size, generated articles (plus drafts and
 * release versions) are bulk-loaded and one article gets an editing history (draft edits and
 * publishes); the lake is served from a child process and the bench times, over HTTP, what
 * `npm run history` does (list the article's revisions, diff two of them) and an export of the
 * whole dataset (`GET data/export`, documents per second). Targets: list and diff p50 <= 100 ms,
 * export >= 20,000 documents/s.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createInterface} from 'node:readline'
import {createClient, type SanityClient} from '@sanity/client'
import {openLake} from '../lake/store.ts'
import {diffCommand, listCommand} from './lib/history/commands.ts'
import {fetchFamilyHistory, getText} from './lib/history/fetchHistory.ts'
import {generateArticleDocuments} from './lib/generateDocuments.ts'

/** Transactions of editing history given to the benched article. */
const EDITS = 40
const RUNS = 30

export interface HistoryBenchRow {
  size: number
  documents: number
  listP50: number
  diffP50: number
  exportMs: number
  exportDocsPerSecond: number
}

/** Runs the bench at each size; `progress` gets one line per step. */
export async function benchHistory(sizes: number[], progress: (line: string) => void): Promise<HistoryBenchRow[]> {
  const rows: HistoryBenchRow[] = []
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'history-bench-'))
    try {
      const documents = load(dir, size)
      progress(`${size}: loaded ${documents} documents and ${EDITS} edits of article-1`)
      const server = await serveLake(dir)
      try {
        const client = createClient({
          projectId: 'local', dataset: 'production', apiVersion: '2025-02-19',
          useProjectHostname: false, apiHost: server.url, useCdn: false, token: server.token,
        })
        const style = {color: false}
        const listP50 = await p50(RUNS, 3, () => listCommand(client, 'article-1'))
        const [first] = await fetchFamilyHistory(client, 'article-1')
        const diffP50 = await p50(RUNS, 3, () => diffCommand(client, 'article-1', first?.transactionId ?? '', 'published', style))
        const exported = await timeExport(client)
        rows.push({size, documents, listP50, diffP50, exportMs: exported.ms, exportDocsPerSecond: Math.round(exported.docs / (exported.ms / 1000))})
        progress(`${size}: list p50 ${listP50.toFixed(1)} ms, diff p50 ${diffP50.toFixed(1)} ms, export ${exported.docs} docs in ${Math.round(exported.ms)} ms`)
      } finally {
        await server.close()
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  }
  return rows
}

/** The best of three full exports (the first warms the page cache). */
async function timeExport(client: SanityClient): Promise<{docs: number; ms: number}> {
  let best = {docs: 0, ms: Infinity}
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    const text = await getText(client, '/data/export/production')
    const ms = performance.now() - started
    if (ms < best.ms) best = {docs: text.split('\n').length - 1, ms}
  }
  return best
}

/** The generated dataset, then EDITS transactions on article-1: draft edits, a publish every tenth. */
function load(dir: string, size: number): number {
  const lake = openLake({dir})
  const dataset = lake.dataset('production', {create: true})
  if (!dataset) throw new Error('bench: could not create the dataset')
  // The benched article gets a transaction of its own, as the seed writes each article in its own.
  const docs = generateArticleDocuments({articles: size}).filter((doc) => doc._id !== 'article-1')
  for (let i = 0; i < docs.length; i += 5000) {
    dataset.transact(() => docs.slice(i, i + 5000).map((doc) => ({createOrReplace: doc})), {author: 'bench'})
  }
  const [article] = generateArticleDocuments({articles: 2}).filter((doc) => doc._id === 'article-1')
  dataset.transact(() => [{createOrReplace: article ?? {_id: 'article-1', _type: 'article'}}], {author: 'bench'})
  const base = dataset.get('article-1')
  if (!base) throw new Error('bench: article-1 is missing')
  for (let edit = 1; edit <= EDITS; edit++) {
    const draft = {...base, _id: 'drafts.article-1', title: `${String(base.title)} edit ${edit}`, rank: edit}
    if (edit % 10 === 0) {
      dataset.transact(() => [{createOrReplace: {...draft, _id: 'article-1'}}, {delete: {id: 'drafts.article-1'}}], {author: 'editor'})
    } else {
      dataset.transact(() => [{createOrReplace: draft}], {author: 'editor'})
    }
  }
  const count = dataset.count()
  lake.close()
  return count
}

/** Serves the lake in `dir` from a child process (`lib/benchLakeServer.ts`), as the lake bench does. */
async function serveLake(dir: string): Promise<{url: string; token: string; close(): Promise<void>}> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'lib/benchLakeServer.ts'), dir], {stdio: ['pipe', 'pipe', 'inherit']})
  const line = await new Promise<string>((resolve) => createInterface({input: child.stdout}).once('line', resolve))
  const {url, token}: {url: string; token: string} = JSON.parse(line)
  return {url, token, close: () => new Promise((resolve) => (child.once('exit', () => resolve()), child.stdin.end()))}
}

/** The median time in ms of `runs` calls of `fn`, after `warmup` untimed ones. */
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

/** The rows as a Markdown table, with the targets. */
export function formatHistoryTable(rows: HistoryBenchRow[]): string {
  const header = ['articles', 'documents', 'list p50 ms (<= 100)', 'diff p50 ms (<= 100)', 'export ms', 'export docs/s (>= 20,000)']
  const body = rows.map((row) => [
    String(row.size),
    String(row.documents),
    row.listP50.toFixed(1),
    row.diffP50.toFixed(1),
    String(Math.round(row.exportMs)),
    String(row.exportDocsPerSecond),
  ])
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]?.length ?? 0)))
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n')
}
