/**
 * `npm run bench -- studio [--navigations 10]`: navigation → usable article form in the built
 * Studio, as the browser tests measure it (scripts/lib/studioForm.ts), on its own: a lake in a temp
 * dir holding the seed article, the cached `sanity build` served statically, the packaged Chromium
 * offline, logged in once, then page loads alternating the desk path and the edit intent (the
 * Studio starts each time: the measure), then as many clicks on the article in the
 * document list of a Studio already open (what an editor moving between articles waits). Prints
 * the wall-time median and range of both, and the CPU each page load cost per process (browser
 * processes by type; this process holds the lake, the static server and Playwright), with the load
 * average: on a shared machine the wall time follows the load, the CPU much less.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {chromium} from 'playwright-core'

import {startLake} from '../lake/serve.ts'
import {CONFIRM_LABEL} from '../lake/studioApi/loginPage.ts'
import {importArticles} from '../seed/import/importArticles.ts'
import {articleId} from '../seed/parse/buildDocuments.ts'
import {findChromium, OFFLINE_BROWSER_ARGS} from './lib/chromium.ts'
import {parseCommandLine} from './lib/commandLine.ts'
import {freePort} from './lib/nextSite.ts'
import {processTreeCpu} from './lib/processCpu.ts'
import {serveStudio} from './lib/staticServer.ts'
import {buildStudio} from './lib/studioBuild.ts'
import {FORM_TARGET_MS, medianOf, timeArticleForm, timeArticleFormInApp} from './lib/studioForm.ts'
import {localClient} from './lib/target.ts'

export const STUDIO_BENCH_USAGE = 'Usage: npm run bench -- studio [--navigations 10]'

const ROOT = resolve(import.meta.dirname, '..')
const SEED_ARTICLE = join(ROOT, 'seed', 'articles', '000_f58be128c4b82355.txt')

/** Runs the Studio bench; returns the exit code. */
export async function runStudioBench(args: string[]): Promise<number> {
  const {values} = parseCommandLine(STUDIO_BENCH_USAGE, {args, options: {navigations: {type: 'string', default: '10'}}})
  const navigations = Number(values.navigations)
  if (!Number.isInteger(navigations) || navigations <= 0) {
    console.error(`bench studio: --navigations must be a positive integer, got "${values.navigations}"\n${STUDIO_BENCH_USAGE}`)
    return 2
  }
  const loadBefore = loadavg()[0] ?? 0
  const dir = mkdtempSync(join(tmpdir(), 'bench-studio-'))
  const profile = mkdtempSync(join(tmpdir(), 'bench-studio-profile-'))
  const studioPort = await freePort()
  const lake = await startLake({dir, port: 0, studioOrigins: [`http://localhost:${studioPort}`]})
  try {
    const client = localClient(lake.url, lake.token, 'production')
    const imported = await importArticles(client, [SEED_ARTICLE], {now: () => new Date().toISOString()})
    if (imported.errors.length > 0) throw new Error(`seed import failed: ${imported.errors.map((e) => e.message).join('; ')}`)
    const [article] = imported.articles
    if (!article) throw new Error('the seed article was not imported')
    const id = articleId(article.language, article.slug)
    const build = await buildStudio({root: ROOT, log: (line) => console.error(`[bench] ${line}`)})
    const studio = await serveStudio({dir: build.dir, host: '127.0.0.1', port: studioPort, lakeUrl: `http://localhost:${new URL(lake.url).port}`})
    const found = findChromium({env: process.env})
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: found.executablePath,
      env: {...process.env, ...found.env},
      headless: true,
      args: OFFLINE_BROWSER_ARGS,
      viewport: {width: 1440, height: 900},
    })
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      const workspace = `${studio.url}/local`
      await page.goto(workspace)
      await page.getByRole('link', {name: 'Local Content Lake (this computer)'}).click()
      await page.getByRole('button', {name: CONFIRM_LABEL, exact: true}).click()
      await page.getByTestId('pane-item-Articles').waitFor()
      const urls = [`${workspace}/structure/articles;articles-all;${id}`, `${workspace}/intent/edit/id=${id};type=article/`]
      const samples: number[] = []
      const cpu: Array<Record<string, number>> = []
      for (let i = 0; i < navigations; i++) {
        const before = cpuNow(profile)
        samples.push(await timeArticleForm(page, urls[i % urls.length] ?? workspace))
        const after = cpuNow(profile)
        cpu.push(Object.fromEntries(Object.entries(after).map(([type, ms]) => [type, ms - (before[type] ?? 0)])))
      }
      // What an editor moving between articles waits: a click in the list of a Studio already open.
      await page.goto(`${workspace}/structure/articles;articles-all`)
      const inApp: number[] = []
      for (let i = 0; i < navigations; i++) inApp.push(await timeArticleFormInApp(page, id))
      console.log(formatStudioBench(samples, cpu, [loadBefore, loadavg()[0] ?? 0], inApp))
    } finally {
      await context.close()
      await studio.close()
    }
    return 0
  } finally {
    await lake.close()
    rmSync(dir, {recursive: true, force: true})
    rmSync(profile, {recursive: true, force: true})
  }
}

/**
 * CPU milliseconds so far of the browser's processes by type, and of this process (all threads:
 * the lake's query workers too).
 */
function cpuNow(profile: string): Record<string, number> {
  const usage = process.cpuUsage()
  return {...processTreeCpu(profile), 'lake, server, driver': Math.round((usage.user + usage.system) / 1000)}
}

/** The bench's table: wall times of page loads and of clicks, then the median CPU per page load of each process type. */
export function formatStudioBench(samples: number[], cpu: Array<Record<string, number>>, load: [number, number], inApp: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b)
  const types = [...new Set(cpu.flatMap((row) => Object.keys(row)))].filter((type) => cpu.some((row) => (row[type] ?? 0) > 0))
  const rows = [
    `| navigation → usable article form (${samples.length} navigations) | median ${medianOf(samples)} ms, ${sorted[0]}–${sorted.at(-1)} ms (target ≤ ${FORM_TARGET_MS}) |`,
    `| samples | ${samples.join(', ')} ms |`,
    `| click in the list → usable article form, Studio open (${inApp.length} clicks) | median ${medianOf(inApp)} ms, ${Math.min(...inApp)}–${Math.max(...inApp)} ms |`,
    ...types.map((type) => `| CPU per navigation: ${type} | median ${medianOf(cpu.map((row) => row[type] ?? 0))} ms |`),
    `| CPU per navigation: total | median ${medianOf(cpu.map((row) => Object.values(row).reduce((sum, ms) => sum + ms, 0)))} ms |`,
    `| load average (start, end) | ${load[0].toFixed(1)}, ${load[1].toFixed(1)} on ${cpus().length} CPUs |`,
  ]
  return ['| measure | value |', '| --- | --- |', ...rows].join('\n')
}
