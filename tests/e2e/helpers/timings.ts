/**
 * How long the Studio takes from a navigation to a usable article form, measured on the way while
 * the suite opens articles, and reported once at its end (a measurement, not a test).
 */
import type {Page} from 'playwright-core'

/** The target for the built Studio. */
const TARGET_MS = 1500

export interface FormTimings {
  /** Navigates to `url` and waits until the article's title input can be typed in; records the time. */
  open(page: Page, url: string): Promise<number>
  /** One line: median, range and every sample, against the target. */
  report(): string
}

/** Collects navigation → usable article form times. */
export function formTimings(): FormTimings {
  const samples: number[] = []
  return {
    async open(page, url) {
      const started = performance.now()
      // The form is the readiness signal, not the page's load event.
      await page.goto(url, {waitUntil: 'commit'})
      const title = page.getByTestId('field-title').locator('input')
      await title.waitFor()
      await page.waitForFunction(
        (input) => input instanceof HTMLInputElement && !input.disabled && !input.readOnly,
        await title.elementHandle(),
      )
      const ms = Math.round(performance.now() - started)
      samples.push(ms)
      return ms
    },
    report() {
      if (samples.length === 0) return 'Studio navigation → usable article form: no samples'
      const sorted = [...samples].sort((a, b) => a - b)
      const median = sorted[Math.floor((sorted.length - 1) / 2)]
      return (
        `Studio navigation → usable article form (built Studio): median ${median} ms, ` +
        `${sorted[0]}–${sorted.at(-1)} ms over ${samples.length} navigations [${samples.join(', ')}]; target ≤ ${TARGET_MS} ms`
      )
    },
  }
}
