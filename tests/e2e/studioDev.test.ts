/**
 * The README's default `npm run studio`: scripts/studio.ts starts a lake in LAKE_DIR and `sanity
 * dev` (not the cached build the other browser tests use). The seed writes the seed article into
 * that running lake, and the packaged Chromium logs in with the link the script prints and opens
 * the article's form. Screenshots in test-results/e2e/studio-dev/.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {createInterface} from 'node:readline'

import {createClient} from '@sanity/client'
import {afterAll, beforeAll, expect, it} from 'vitest'

import {freePort} from '../../scripts/lib/nextSite.ts'
import {importArticles} from '../../seed/import/importArticles.ts'
import {ACTION_MS, launchStudioBrowser, SCREENSHOT_DIR, type StudioBrowser} from './helpers/browser.ts'
import {checkEveryTest} from './helpers/checks.ts'
import {SEED_ARTICLE} from './helpers/stack.ts'

const ROOT = resolve(import.meta.dirname, '../..')
/** `sanity dev` compiles the Studio on its first page load: minutes on a loaded 2-core machine. */
const START_MS = 5 * ACTION_MS

let studio: ChildProcess | undefined
let browser: StudioBrowser | undefined
let lakeDir: string
const lines: string[] = []

/** Resolves with the first line of the script's output that matches `pattern`. */
function line(pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((done, fail) => {
    const check = () => {
      for (const text of lines) {
        const match = pattern.exec(text)
        if (match) return done(match)
      }
    }
    const timer = setTimeout(() => fail(new Error(`no line matching ${pattern} in:\n${lines.join('\n')}`)), START_MS)
    studio?.stdout?.on('data', check)
    studio?.once('exit', (code) => fail(new Error(`npm run studio exited (${code}):\n${lines.join('\n')}`)))
    check()
    // Not a wait: the timer only bounds how long a broken start can hang the suite.
    timer.unref()
  })
}

beforeAll(async () => {
  lakeDir = mkdtempSync(join(tmpdir(), 'studio-dev-test-'))
  const port = await freePort()
  // Its own process group: the script's `sanity dev` child goes with it if the script must be killed.
  studio = spawn(join(ROOT, 'node_modules/.bin/node'), ['scripts/studio.ts', '--port', String(port), '--lake-port', '0'], {
    cwd: ROOT,
    env: {...process.env, LAKE_DIR: lakeDir},
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  for (const stream of [studio.stdout, studio.stderr]) if (stream) createInterface({input: stream}).on('line', (text) => lines.push(text))
  browser = await launchStudioBrowser({screenshotDir: join(SCREENSHOT_DIR, 'studio-dev')})
}, START_MS)

afterAll(async () => {
  await browser?.close()
  if (studio && studio.exitCode === null && studio.pid) {
    const exited = new Promise((done) => studio?.once('exit', done))
    studio.kill('SIGINT')
    const stopped = await Promise.race([exited.then(() => true), new Promise((done) => setTimeout(() => done(false), 30_000).unref())])
    if (!stopped) process.kill(-studio.pid, 'SIGKILL')
  }
  rmSync(lakeDir, {recursive: true, force: true})
}, 60_000)

checkEveryTest(() => browser)

it('serves `sanity dev` against its lake: the seeded article opens in the Studio, right to left', {timeout: START_MS}, async () => {
  const [, studioUrl] = await line(/^Studio {3}(http:\/\/localhost:\d+\/local) {3}\(sanity dev/)
  const [, lakeUrl] = await line(/^Lake {5}(http:\/\/127\.0\.0\.1:\d+) /)
  const [, loginLink, token] = await line(/Fallback: open (\S+#token=(\S+))$/)
  expect(lines).toContain(`The dataset "production" is empty. Import the seed article with \`npm run seed\` in another`)
  // The script prints its welcome before `sanity dev` listens.
  await line(new RegExp(`ready in .* running at ${new URL(studioUrl!).origin}/$`))

  // What `npm run seed` does when it finds this running lake.
  const client = createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useProjectHostname: false, apiHost: lakeUrl, useCdn: false, token})
  const seeded = await importArticles(client, [SEED_ARTICLE], {now: () => new Date().toISOString()})
  expect(seeded.errors).toEqual([])
  const [article] = seeded.articles
  const id = `article-${article?.language}-${article?.slug}`
  const title = await client.fetch<string>('*[_id == $id][0].title', {id})

  const page = browser!.page
  await page.goto(loginLink!)
  await page.getByTestId('pane-item-Articles').waitFor({timeout: START_MS})
  await browser!.screenshot('logged-in')
  await page.goto(`${studioUrl}/intent/edit/id=${id};type=article/`)
  const input = page.getByTestId('field-title').locator('input')
  await input.waitFor()
  expect(await input.inputValue()).toBe(title)
  expect(await input.getAttribute('dir')).toBe('rtl')
  await browser!.screenshot('article-form')
  // Vite answers 504 to the modules it is still optimizing on a first load, then reloads the page
  // itself: dev-server noise, not the Studio's. Every other console error still fails the test.
  const vite = (error: string) => error.includes('504 (Outdated Optimize Dep)')
  browser!.errors.splice(0, Infinity, ...browser!.errors.filter((error) => !vite(error)))
})
