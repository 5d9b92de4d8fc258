/**
 * The set-up every small browser suite repeats: the stack (lake with the seed article, built
 * Studio), a browser with its screenshots in a folder of the suite's own, the per-test checks,
 * and the editor logged in. Fields are filled in `beforeAll`.
 */
import {join} from 'node:path'

import type {Page} from 'playwright-core'
import {afterAll, beforeAll} from 'vitest'

import {launchStudioBrowser, SCREENSHOT_DIR, type StudioBrowser} from './browser.ts'
import {checkEveryTest, lakeLog} from './checks.ts'
import {logIn} from './login.ts'
import {startStudioStack, type StudioStack, type StudioStackOptions} from './stack.ts'

export class StudioSuite {
  stack!: StudioStack
  browser!: StudioBrowser
  page!: Page
  /** Requests the lake had no route for. */
  readonly unknownRoutes: string[] = []
}

/**
 * Registers the suite's hooks; `prepare` runs against the lake before the browser opens.
 * Screenshots go to `test-results/e2e/<folder>/`, or to `options.screenshotDir`; `options.after`
 * stops what `prepare` started (before the stack closes).
 */
export function studioSuite(
  folder: string,
  prepare: (stack: StudioStack) => Promise<void> = async () => {},
  options: StudioStackOptions & {screenshotDir?: string; after?: () => Promise<void>} = {},
): StudioSuite {
  const suite = new StudioSuite()
  beforeAll(async () => {
    suite.stack = await startStudioStack(lakeLog(suite.unknownRoutes), options)
    await prepare(suite.stack)
    suite.browser = await launchStudioBrowser({screenshotDir: options.screenshotDir ?? join(SCREENSHOT_DIR, folder)})
    suite.page = suite.browser.page
    await logIn(suite.page, suite.stack.workspaceUrl)
  }, 300_000)
  afterAll(async () => {
    await suite.browser?.close()
    await options.after?.()
    await suite.stack?.close()
  })
  checkEveryTest(() => suite.browser, suite.unknownRoutes)
  return suite
}
