/**
 * What "navigation → usable article form" means, for the browser tests' report
 * (tests/e2e/helpers/timings.ts) and `npm run bench -- studio` alike.
 */
import type {Page} from 'playwright-core'

/** The target for the built Studio. */
export const FORM_TARGET_MS = 1500

/**
 * Navigates to `url` (a page load: the Studio starts) and waits until the article's title input
 * can be typed in.
 * @returns the milliseconds from the navigation's start
 */
export async function timeArticleForm(page: Page, url: string): Promise<number> {
  const started = performance.now()
  // The form is the readiness signal, not the page's load event.
  await page.goto(url, {waitUntil: 'commit'})
  await titleIsUsable(page)
  return Math.round(performance.now() - started)
}

/**
 * From a document list on screen, opens article `id` by clicking its row (the Studio is running:
 * no page load), waits until the title input can be typed in, then goes back to the list.
 * @returns the milliseconds from the click
 */
export async function timeArticleFormInApp(page: Page, id: string): Promise<number> {
  const row = page.locator(`a[href$=";${id}"]`).first()
  await row.waitFor()
  const started = performance.now()
  await row.click()
  await titleIsUsable(page)
  const ms = Math.round(performance.now() - started)
  await page.goBack()
  await page.getByTestId('field-title').waitFor({state: 'detached'})
  return ms
}

async function titleIsUsable(page: Page): Promise<void> {
  const title = page.getByTestId('field-title').locator('input')
  await title.waitFor()
  await page.waitForFunction(
    (input) => input instanceof HTMLInputElement && !input.disabled && !input.readOnly,
    await title.elementHandle(),
  )
}

/** The middle sample (the lower one of an even count). */
export function medianOf(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0
}
