/**
 * Headless Chromium for the Studio tests: the packaged Chromium (scripts/lib/chromium.ts; or
 * CHROMIUM_PATH) driven by playwright-core, offline (OFFLINE_BROWSER_ARGS: the Studio's calls to
 * Sanity's CDNs and telemetry fail at once), console errors collected, and numbered screenshots
 * under test-results/e2e/.
 */
import {mkdirSync, mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {type BrowserContext, chromium, type ConsoleMessage, type Page} from 'playwright-core'

import {findChromium, OFFLINE_BROWSER_ARGS} from '../../../scripts/lib/chromium.ts'

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results/e2e')
/**
 * How long a page action or wait may take. A cold Studio needs about 10 s to show a form on an
 * idle machine and several times that on a loaded 2-core one (CPU-bound: parsing and rendering);
 * Playwright's default of 30 s is a guess that fails there.
 */
export const ACTION_MS = 120_000

/** Requests for other machines: everything but localhost, *.localhost and 127.0.0.1. */
const NOT_LOCAL = /^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/]|[^/]*\.localhost[:/])/

/** Hosts the Studio calls on its own (version check, fonts, telemetry); failing them is expected. */
const SANITY_HOSTS = /(^|\.)(sanity-cdn\.com|sanity\.io|sanity\.work)$/

export interface StudioBrowser {
  context: BrowserContext
  page: Page
  /** Console errors and page errors, except failed calls to Sanity's own hosts. */
  errors: string[]
  /** Requests to hosts other than Sanity's, which cannot resolve (the Studio leaking offline). */
  foreignRequests: string[]
  /** Saves `test-results/e2e/<nn>-<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>
  close(): Promise<void>
}

export interface LaunchOptions {
  /**
   * Where screenshots go (default SCREENSHOT_DIR). Test files that may run in parallel each
   * use a folder of their own: only this folder's own screenshots are removed at launch.
   */
  screenshotDir?: string
}

/**
 * Launches Chromium with a fresh profile.
 * @throws Error when no browser can be found (the test must fail, not skip).
 */
export async function launchStudioBrowser({screenshotDir = SCREENSHOT_DIR}: LaunchOptions = {}): Promise<StudioBrowser> {
  const browser = findChromium({env: process.env})
  mkdirSync(screenshotDir, {recursive: true})
  for (const name of readdirSync(screenshotDir)) {
    if (name.endsWith('.png')) rmSync(join(screenshotDir, name), {force: true})
  }
  const profile = mkdtempSync(join(tmpdir(), 'studio-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    env: {...process.env, ...browser.env},
    headless: true,
    args: OFFLINE_BROWSER_ARGS,
    viewport: {width: 1440, height: 900},
  })
  context.setDefaultTimeout(ACTION_MS)
  context.setDefaultNavigationTimeout(ACTION_MS)
  const errors: string[] = []
  const foreignRequests: string[] = []
  context.on('request', (request) => {
    if (!NOT_LOCAL.test(request.url())) return
    const url = new URL(request.url())
    if (!SANITY_HOSTS.test(url.hostname)) foreignRequests.push(url.href)
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (message) => {
    if (message.type() === 'error' && !isSanityHostFailure(message)) {
      errors.push(`console: ${message.text()} (${message.location().url})`)
    }
  })
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`))
  let shots = 0
  return {
    context,
    page,
    errors,
    foreignRequests,
    async screenshot(name) {
      shots += 1
      const file = join(screenshotDir, `${String(shots).padStart(2, '0')}-${name}.png`)
      await page.screenshot({path: file})
      return file
    },
    async close() {
      await context.close()
      rmSync(profile, {recursive: true, force: true})
    },
  }
}

/**
 * The Studio's version check (`https://sanity-cdn.com/v1/modules/sanity/latest/...`) logs its
 * failure without the URL.
 */
const VERSION_CHECK_FAILURE = /^Failed to fetch version for package \(using tag=latest\) sanity /

function isSanityHostFailure(message: ConsoleMessage): boolean {
  if (VERSION_CHECK_FAILURE.test(message.text())) return true
  const urls = [message.location().url, ...(message.text().match(/https?:\/\/[^\s'")]+/g) ?? [])]
  return urls.some((url) => {
    try {
      return SANITY_HOSTS.test(new URL(url).hostname)
    } catch {
      return false
    }
  })
}
