/**
 * Worker thread of the mixed bench: runs the anonymous query clients on an event loop of their
 * own, so the latency they measure is the lake's, not the time the bench's writers kept the
 * bench's own event loop busy. Starts on `{url, clients, queries, tags}`, stops on `'stop'`, and
 * posts back each query's latencies (ms) by name.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {benchQueryUrl} from './benchQueryUrl.ts'

interface Setup {
  url: string
  clients: number
  queries: Record<string, string>
  tags: string[]
}

const {url, clients, queries, tags} = workerData as Setup
const latencies: Record<string, number[]> = Object.fromEntries(Object.keys(queries).map((name) => [name, []]))
let stopped = false

parentPort?.once('message', () => (stopped = true))

await Promise.all(Array.from({length: clients}, (_, client) => loop(client)))
parentPort?.postMessage(latencies)

async function loop(client: number): Promise<void> {
  const names = Object.keys(queries)
  for (let n = client; !stopped; n++) {
    const name = names[n % names.length] ?? ''
    const query = queries[name] ?? ''
    const started = performance.now()
    const response = await fetch(benchQueryUrl(url, query, tags[n % tags.length]))
    await response.arrayBuffer()
    if (response.status !== 200) throw new Error(`query ${name} failed: ${response.status}`)
    latencies[name]?.push(performance.now() - started)
  }
}
