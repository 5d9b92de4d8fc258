/**
 * `npm run bench -- web [--articles 1000] [--requests 200] [--publishes 20]`: the reader site against
 * a local lake in a temp dir, seeded with the seed article plus copies of it up to `--articles`:
 * `next build` time, article page render latency from `next start` (p50/p99, sequential requests),
 * and publish -> open page updated latency (p50 over `--publishes` publishes, in Chromium).
 * Targets: page p50 <= 50 ms, publish -> page p50 <= 1 s.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createClient} from '@sanity/client'
import {chromium} from 'playwright-core'

import {startLake} from '../lake/serve.ts'
import {findChromium} from './lib/chromium.ts'
import {parseCommandLine} from './lib/commandLine.ts'
import {run, startSite} from './lib/nextSite.ts'

const WEB_BENCH_USAGE = 'Usage: npm run bench -- web [--articles 1000] [--requests 200] [--publishes 20]'

/** Runs the web bench; returns the exit code. */
export async function runWebBench(args: string[]): Promise<number> {
  const options = {articles: {type: 'string', default: '1000'}, requests: {type: 'string', default: '200'}, publishes: {type: 'string', default: '20'}} as const
  const {values} = parseCommandLine(WEB_BENCH_USAGE, {args, options})
  const [articles, requests, publishes] = [values.articles, values.requests, values.publishes].map(Number)
  if (![articles, requests, publishes].every((n) => Number.isInteger(n) && (n ?? 0) > 0)) {
    console.error(`bench web: --articles, --requests and --publishes must be positive integers\n${WEB_BENCH_USAGE}`)
    return 2
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-web-'))
  const lake = await startLake({dir, port: 0})
  const client = createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useProjectHostname: false, apiHost: lake.url, useCdn: false, token: lake.token})
  try {
    await run(process.execPath, ['scripts/seed.ts'], {...process.env, LAKE_DIR: dir}, 120_000)
    const original = await client.fetch('*[_type == "article"][0]')
    const copies = Array.from({length: (articles ?? 1) - 1}, (_, i) => ({...original, _id: `article-ar-copy-${i}`, slug: {_type: 'slug', current: `copy-${i}`}, title: `${original.title} ${i}`}))
    for (let i = 0; i < copies.length; i += 200) {
      const transaction = client.transaction()
      for (const copy of copies.slice(i, i + 200)) transaction.createOrReplace(copy)
      await transaction.commit()
    }
    console.error(`[bench] ${articles} articles in the lake; building the site...`)
    const site = await startSite(dir, '.next-bench')
    try {
      const path = `/${original.language}/${original.slug.current}`
      const times: number[] = []
      for (let i = 0; i < (requests ?? 0); i++) {
        const started = performance.now()
        const response = await fetch(`${site.url}${path}`)
        await response.text()
        times.push(performance.now() - started)
      }
      const live = await publishLatencies(site.url + path, original._id, client, publishes ?? 0)
      console.log(
        [
          `| measure | value |`,
          `| --- | --- |`,
          `| articles | ${articles} |`,
          `| next build | ${(site.buildMs / 1000).toFixed(1)} s |`,
          `| article page p50 / p99 (${requests} requests) | ${percentile(times, 50).toFixed(1)} / ${percentile(times, 99).toFixed(1)} ms (target p50 <= 50) |`,
          `| publish -> page updated p50 / max (${publishes}) | ${percentile(live, 50).toFixed(0)} / ${Math.max(...live).toFixed(0)} ms (target p50 <= 1000) |`,
        ].join('\n'),
      )
    } finally {
      await site.close()
    }
    return 0
  } finally {
    await lake.close()
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Opens the page, then publishes new titles one by one, timing each until the page shows it. */
async function publishLatencies(url: string, id: string, client: ReturnType<typeof createClient>, count: number): Promise<number[]> {
  const found = findChromium({env: process.env})
  const browser = await chromium.launch({executablePath: found.executablePath, env: {...process.env, ...found.env}, args: ['--headless', '--no-sandbox']})
  try {
    const page = await browser.newPage()
    const connected = page.waitForEvent('console', (message) => message.text().startsWith('<SanityLive> is connected'))
    await page.goto(url)
    await connected
    const latencies: number[] = []
    for (let i = 0; i < count; i++) {
      const title = `Bench title ${i} ${Date.now()}`
      const started = performance.now()
      await client.patch(id).set({title}).commit()
      await page.waitForFunction((expected) => document.querySelector('h1')?.textContent === expected, title, {timeout: 30_000})
      latencies.push(performance.now() - started)
    }
    return latencies
  } finally {
    await browser.close()
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}
