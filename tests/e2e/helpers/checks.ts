/**
 * The per-test glue every browser suite shares: a screenshot when a test fails, no console
 * errors or outside requests left after a test, and the lake's log with its unknown routes kept.
 */
import {afterEach, beforeEach, expect} from 'vitest'

import type {StudioBrowser} from './browser.ts'

const UNKNOWN_ROUTE = 'lake: unknown route: '

/**
 * Registers the failure screenshot and the after-test checks for the browser `current()` returns
 * (undefined while beforeAll has not launched it, e.g. without Chromium: the suite's first test says why).
 * `unknownRoutes` (what `lakeLog` collects) fails the step whose requests the lake had no route for.
 */
export function checkEveryTest(current: () => StudioBrowser | undefined, unknownRoutes: string[] = []): void {
  beforeEach(({onTestFailed, task}) => {
    onTestFailed(async () => {
      const browser = current()
      if (browser) console.log(`screenshot of the failure: ${await browser.screenshot(`failed-${slugOf(task.name)}`)}`)
    })
  })
  afterEach(() => {
    // Every request of this step had a route: the lake logs those it lacks (404 JSON).
    expect([...new Set(unknownRoutes.splice(0))]).toEqual([])
    const browser = current()
    if (!browser) return
    // Console errors fail the step that caused them (the Studio's own CDN calls are filtered out).
    expect(browser.errors.splice(0)).toEqual([])
    expect(browser.foreignRequests).toEqual([])
  })
}

/** A log function for the stack: prints the Studio's lines and collects the routes the lake did not know. */
export function lakeLog(unknownRoutes: string[]): (line: string) => void {
  return (line) => {
    if (!line.startsWith('lake:')) console.log(line)
    else if (line.startsWith(UNKNOWN_ROUTE)) unknownRoutes.push(line.slice(UNKNOWN_ROUTE.length))
  }
}

/** A file-name-safe form of a test name. */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
}
