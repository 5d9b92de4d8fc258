/**
 * How long the Studio takes from a navigation to a usable article form, measured on the way while
 * the suite opens articles, and reported once at its end (a measurement, not a test).
 * `npm run bench -- studio` measures the same thing on its own.
 */
import {cpus, loadavg} from 'node:os'

import type {Page} from 'playwright-core'

import {FORM_TARGET_MS, medianOf, timeArticleForm} from '../../../scripts/lib/studioForm.ts'

export interface FormTimings {
  /** Navigates to `url` and waits until the article's title input can be typed in; records the time. */
  open(page: Page, url: string): Promise<number>
  /** One line: median, range and every sample, against the target, and how loaded the machine was. */
  report(): string
}

/** Collects navigation → usable article form times. */
export function formTimings(): FormTimings {
  const samples: number[] = []
  return {
    async open(page, url) {
      const ms = await timeArticleForm(page, url)
      samples.push(ms)
      return ms
    },
    report() {
      if (samples.length === 0) return 'Studio navigation → usable article form: no samples'
      const sorted = [...samples].sort((a, b) => a - b)
      // Wall times on a shared machine follow its load: say what it was.
      const load = `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} CPUs`
      return (
        `Studio navigation → usable article form (built Studio): median ${medianOf(samples)} ms, ` +
        `${sorted[0]}–${sorted.at(-1)} ms over ${samples.length} navigations [${samples.join(', ')}]; target ≤ ${FORM_TARGET_MS} ms; ${load}`
      )
    },
  }
}
