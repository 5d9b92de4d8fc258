/**
 * The Studio's search (its default `groq2024` strategy, `text::query()` on the lake) as an Arabic
 * editor uses it: spelling without hamza, a word written with a leading clitic, and a word that
 * only the big number's caption has all find the seeded article.
 */
import {describe, expect, it} from 'vitest'

import {ACTION_MS} from './helpers/browser.ts'
import {studioSuite} from './helpers/suite.ts'

let article: string
let source: string
const suite = studioSuite('search', async (stack) => {
  const client = stack.lake.client()
  article = await client.fetch('*[_type == "article" && language == "ar"][0].title')
  source = await client.fetch('*[_type == "source" && language == "ar"][0].title')
})

/** Types `term` into the global search. */
async function searchFor(term: string): Promise<void> {
  const input = suite.page.getByPlaceholder('Search', {exact: false}).first()
  if (!(await input.isVisible())) await suite.page.keyboard.press('Control+k')
  await input.fill(term)
}

/** The titles the search lists now, sorted (the list updates a moment after typing). */
async function listedTitles(): Promise<string[]> {
  const texts = await suite.page.locator('[data-testid="search-results"]').allInnerTexts()
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
    await suite.browser.screenshot(`search-${name}`)
  })
})
