/**
 * The mixed-load bench (`npm run bench -- mixed`): how the lake's writers fare while queries run.
 * 1. At 24k documents, after one token-holder run of `$t in tags` and `order(i desc)[0...20]`
 *    (as an editor's preview would, which has the lake make their indexes): 4 anonymous clients
 *    run them alone; 8 writers with the token commit small transactions alone, then while the 4
 *    query clients run. 2. At 3,000 documents, one writer while an anonymous runaway query runs
 *    (two of them, one after the other); the lake process's RSS is sampled meanwhile.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {Worker} from 'node:worker_threads'
import {load, rssMb, serve} from './benchLake.ts'
import {benchQueryUrl} from './lib/benchQueryUrl.ts'

const PHASE_MS = 4000
const WRITERS = 8
const QUERY_CLIENTS = 4
const TAGS = Array.from({length: 50}, (_, i) => `tag-${i}`)
export const MIXED_QUERIES = {
  'in tags': '*[$t in tags][0...20]{_id, i}',
  'order(i desc)': '*[_type == "item"] | order(i desc) [0...20]{_id, i}',
} as const
/** The runaway (its inner levels are independent: evaluated once, then too large to send) and one that reads `^` at each level (runs until stopped). */
const RUNAWAYS = {
  'issue 11': '*[]{ "x": *[]{ "y": *[] } }',
  'with ^': '*[]{ "x": *[_id != ^._id]{ "y": *[_id != ^._id] } }',
}

export interface MixedRow {
  metric: string
  measured: string
  target: string
}

interface Lake {
  url: string
  token: string
  pid: number
  close(): Promise<void>
}

/** Runs both phases; `progress` gets one line per step. */
export async function benchMixed(progress: (line: string) => void): Promise<MixedRow[]> {
  // The machine's load says how much of the CPU the lake could have had (other processes count).
  const rows: MixedRow[] = [{metric: `load average at start (${cpus().length} CPUs)`, measured: (loadavg()[0] ?? 0).toFixed(1), target: ''}]
  await withLake(24_000, async (lake) => {
    const writes = await writeFor(lake, PHASE_MS, WRITERS)
    progress(`writes alone: ${writes.perSecond} tx/s, p99 ${writes.p99.toFixed(1)} ms`)
    rows.push({metric: `writes alone (${WRITERS} writers, 24k docs)`, measured: `${writes.perSecond} tx/s, p99 ${writes.p99.toFixed(1)} ms`, target: ''})
    for (const query of Object.values(MIXED_QUERIES)) {
      for (let i = 0; i < 2; i++) await request(lake, query, {token: true})
    }
    const alone = await queryFor(lake, PHASE_MS)
    for (const [name, times] of Object.entries(alone)) {
      rows.push({metric: `query ${name}, ${QUERY_CLIENTS} clients`, measured: summary(times), target: '<= 5 ms'})
    }
    const clients = startQueryClients(lake)
    const loaded = await writeFor(lake, PHASE_MS, WRITERS)
    const latencies = await clients.stop()
    progress(`writes with ${QUERY_CLIENTS} query clients: ${loaded.perSecond} tx/s, p99 ${loaded.p99.toFixed(1)} ms`)
    rows.push({metric: `writes with ${QUERY_CLIENTS} query clients`, measured: `${loaded.perSecond} tx/s, p99 ${loaded.p99.toFixed(1)} ms`, target: '>= 1000 tx/s, p99 <= 50 ms'})
    // Writes come first by design (query workers run at a lower priority), so these wait for CPU.
    for (const [name, times] of Object.entries(latencies)) {
      rows.push({metric: `  query ${name} meanwhile`, measured: summary(times), target: ''})
    }
  })
  await withLake(3000, async (lake) => {
    for (const [name, query] of Object.entries(RUNAWAYS)) {
      const before = rssMb(lake.pid)
      let peak = before
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(lake.pid))), 50)
      const started = performance.now()
      const runaway = request(lake, query, {token: false}).then((answer) => ({...answer, ms: performance.now() - started}))
      const stop = {done: false}
      const writes = writeUntil(lake, stop)
      const answer = await runaway
      stop.done = true
      const writer = await writes
      clearInterval(sampler)
      const after = rssMb(lake.pid)
      progress(`runaway ${name}: ${answer.status} ${answer.type} after ${Math.round(answer.ms)} ms`)
      rows.push({metric: `runaway ${name} (3,000 docs): answer`, measured: `${answer.status} ${answer.type} after ${Math.round(answer.ms)} ms`, target: ''})
      rows.push({metric: `  a writer meanwhile`, measured: `${writer.count} writes, p99 ${percentile(writer.times, 0.99).toFixed(1)} ms, max ${Math.max(...writer.times).toFixed(1)} ms`, target: 'p99 <= 50 ms'})
      rows.push({metric: `  lake RSS before / peak / after`, measured: `${before} / ${peak} / ${after} MB`, target: 'peak <= 500 MB'})
    }
  })
  rows.push({metric: 'load average at end', measured: (loadavg()[0] ?? 0).toFixed(1), target: ''})
  return rows
}

async function withLake(size: number, run: (lake: Lake) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lake-mixed-'))
  try {
    const docs = Array.from({length: size}, (_, i) => ({
      _id: `item-${i}`,
      _type: 'item',
      i: (i * 7919) % size,
      tags: [TAGS[i % 50], TAGS[(i * 3) % 50], TAGS[(i * 7) % 50]],
      publishedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    }))
    load(dir, docs)
    const lake = await serve(dir)
    try {
      await run(lake)
    } finally {
      await lake.close()
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

async function request(lake: Lake, query: string, options: {token: boolean}): Promise<{status: number; type: string}> {
  const response = await fetch(benchQueryUrl(lake.url, query, TAGS[Math.floor(Math.random() * TAGS.length)]), {
    headers: options.token ? {authorization: `Bearer ${lake.token}`} : {},
  })
  const body = (await response.json()) as {error?: {type?: string}}
  return {status: response.status, type: body.error?.type ?? 'ok'}
}

/** Anonymous query clients on a thread of their own (scripts/lib/benchQueryClients.ts) until `stop()`. */
function startQueryClients(lake: Lake): {stop(): Promise<Record<string, number[]>>} {
  const worker = new Worker(new URL('./lib/benchQueryClients.ts', import.meta.url), {
    workerData: {url: lake.url, clients: QUERY_CLIENTS, queries: MIXED_QUERIES, tags: TAGS},
  })
  const done = new Promise<Record<string, number[]>>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
  return {
    stop() {
      worker.postMessage('stop')
      return done
    },
  }
}

/** The query clients alone for `ms`. */
async function queryFor(lake: Lake, ms: number): Promise<Record<string, number[]>> {
  const clients = startQueryClients(lake)
  await new Promise((resolve) => setTimeout(resolve, ms))
  return clients.stop()
}

function summary(times: number[]): string {
  return `p50 ${percentile(times, 0.5).toFixed(1)} ms, p99 ${percentile(times, 0.99).toFixed(1)} ms (${times.length} runs)`
}

async function write(lake: Lake, id: string, n: number): Promise<number> {
  const started = performance.now()
  const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
    body: JSON.stringify({mutations: [{createOrReplace: {_id: id, _type: 'write', n}}]}),
  })
  await response.arrayBuffer()
  if (response.status !== 200) throw new Error(`write failed: ${response.status}`)
  return performance.now() - started
}

async function writeFor(lake: Lake, ms: number, writers: number): Promise<{perSecond: number; p99: number}> {
  const end = performance.now() + ms
  const times: number[] = []
  await Promise.all(
    Array.from({length: writers}, async (_, w) => {
      for (let n = 0; performance.now() < end; n++) times.push(await write(lake, `w-${w}-${n % 100}`, n))
    }),
  )
  return {perSecond: Math.round((times.length * 1000) / ms), p99: percentile(times, 0.99)}
}

async function writeUntil(lake: Lake, stop: {done: boolean}): Promise<{count: number; times: number[]}> {
  const times: number[] = []
  for (let n = 0; !stop.done; n++) times.push(await write(lake, `runaway-writer-${n % 100}`, n))
  return {count: times.length, times}
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN
}
