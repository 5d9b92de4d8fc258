/**
 * The Studio's search (its default `groq2024` strategy, `text::query()` on the lake) as an Arabic
 * editor uses it: spelling without hamza, a word written with a leading clitic, and a word that
 * only the big number's caption has all find the seeded article.
 */
import {join} from 'node:path'

import type {Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ACTION_MS, launchStudioBrowser, SCREENSHOT_DIR, type StudioBrowser} from './helpers/browser.ts'
import {checkEveryTest, lakeLog} from './helpers/checks.ts'
import {logIn} from './helpers/login.ts'
import {startStudioStack, type StudioStack} from './helpers/stack.ts'

let stack: StudioStack
let browser: StudioBrowser
let page: Page
let article: string
let source: string
const unknownRoutes: string[] = []

beforeAll(async () => {
  stack = await startStudioStack(lakeLog(unknownRoutes))
  const client = stack.lake.client()
  article = await client.fetch('*[_type == "article" && language == "ar"][0].title')
  source = await client.fetch('*[_type == "source" && language == "ar"][0].title')
  browser = await launchStudioBrowser({screenshotDir: join(SCREENSHOT_DIR, 'search')})
  page = browser.page
  await logIn(page, stack.workspaceUrl)
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

checkEveryTest(() => browser)

/** Types `term` into the global search. */
async function searchFor(term: string): Promise<void> {
  const input = page.getByPlaceholder('Search', {exact: false}).first()
  if (!(await input.isVisible())) await page.keyboard.press('Control+k')
  await input.fill(term)
}

/** The titles the search lists now, sorted (the list updates a moment after typing). */
async function listedTitles(): Promise<string[]> {
  const texts = await page.locator('[data-testid="search-results"]').allInnerTexts()
  return [article, source].filter((title) => texts.some((text) => text.includes(title))).sort()
}

describe('Studio search on the local lake, in Arabic', {timeout: 5 * ACTION_MS}, () => {
  it.each([
    ['اسلحة', 'hamza-less-spelling', ['article', 'source']],
    ['الصين', 'word-without-its-leading-waw', ['article']],
    ['لوهانسك', 'word-only-in-the-big-number-caption', ['article']],
  ])('finds %s (%s)', async (term, name, expected) => {
    await searchFor(term)
    const titles = expected.map((kind) => (kind === 'article' ? article : source)).sort()
    await expect.poll(listedTitles, {timeout: ACTION_MS}).toEqual(titles)
    await browser.screenshot(`search-${name}`)
  })

  it('asked the lake only for routes it has', () => {
    expect(unknownRoutes).toEqual([])
  })
})
