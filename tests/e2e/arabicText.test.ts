/**
 * Arabic article text outside the inputs, in the real Studio on the local lake: list previews
 * cut headlines at their end (the first word stays visible), pane header and tab title keep
 * mixed Latin and numbers in place, list markers sit right of right-to-left text, and the
 * editing aids of issue 12. Screenshots go to test-results/e2e/arabic-text/.
 */
import {join} from 'node:path'

import type {SanityClient} from '@sanity/client'
import type {Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {ACTION_MS, launchStudioBrowser, SCREENSHOT_DIR, type StudioBrowser} from './helpers/browser.ts'
import {boxOf, measureClippedLine} from './helpers/geometry.ts'
import {logIn} from './helpers/login.ts'
import {checkEveryTest, lakeLog} from './helpers/checks.ts'
import {startStudioStack, type StudioStack} from './helpers/stack.ts'

const STEP_MS = 5 * ACTION_MS
/** Longer than a list row, mixing Latin, a number with a percent sign and an Arabic question mark. */
const LONG_TITLE =
  'حلف NATO يرفع إنفاقه الدفاعي بنسبة 3.1% وسط تحذيرات الأمم المتحدة (UN)؟ من سباق تسلح جديد في أوروبا الشرقية وآسيا'
const FIRST_WORD = 'حلف'
const ARTICLE_ID = 'article-ar-e2e-arabic-text'
/** Isolate characters must never reach stored documents (they belong to previews only). */
const ISOLATES = /[\u2066-\u2069]/

let stack: StudioStack
let browser: StudioBrowser
let page: Page
let client: SanityClient
const unknownRoutes: string[] = []

function block(key: string, text: string, listItem?: 'bullet' | 'number') {
  return {
    _key: key,
    _type: 'block',
    style: 'normal',
    markDefs: [],
    ...(listItem ? {listItem, level: 1} : {}),
    children: [{_key: `${key}-span`, _type: 'span', marks: [], text}],
  }
}

beforeAll(async () => {
  stack = await startStudioStack(lakeLog(unknownRoutes))
  client = stack.lake.client({perspective: 'raw'})
  await client.createOrReplace({
    _id: ARTICLE_ID,
    _type: 'article',
    language: 'ar',
    title: LONG_TITLE,
    slug: {_type: 'slug', current: 'nato-defence-spending'},
    // Newest, so it is the first row of the list.
    publishedAt: '2030-01-01T00:00:00Z',
    translation: {isTranslation: false},
    sections: [
      {
        _key: 'facts',
        _type: 'articleSection',
        kind: 'keyFacts',
        heading: 'حقائق رئيسية',
        body: [
          block('b1', 'رفع الحلف إنفاقه الدفاعي', 'bullet'),
          block('b2', 'حذرت الأمم المتحدة من سباق تسلح', 'bullet'),
          block('n1', 'الخطوة الأولى', 'number'),
        ],
      },
    ],
  })
  browser = await launchStudioBrowser({screenshotDir: join(SCREENSHOT_DIR, 'arabic-text')})
  page = browser.page
  await logIn(page, stack.workspaceUrl)
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

checkEveryTest(() => browser)

describe('Arabic text outside the inputs', {timeout: STEP_MS}, () => {
  it('cuts a long Arabic headline in the document list at its end: the first word shows, the ellipsis is on the left', async () => {
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all`)
    const title = page.getByText(LONG_TITLE).first()
    await title.waitFor()
    const line = await measureClippedLine(title)
    const row = await boxOf(page.locator('a', {has: title}).first())
    await browser.screenshot('list-long-arabic-title')
    expect(line.textOverflow).toBe('ellipsis')
    // The first word is whole inside the clipping box and the row …
    expect(line.firstWord.left).toBeGreaterThanOrEqual(line.clip.left)
    expect(line.firstWord.right).toBeLessThanOrEqual(line.clip.right + 0.5)
    expect(line.firstWord.left).toBeGreaterThanOrEqual(row.left)
    expect(line.firstWord.right).toBeLessThanOrEqual(row.right)
    // … and the headline runs out on the left, where the ellipsis goes.
    expect(line.text.left).toBeLessThan(line.clip.left)
    expect(line.text.right).toBeLessThanOrEqual(line.clip.right + 0.5)
  })

  it('keeps Latin words and numbers in place in the pane header and the tab title', async () => {
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${ARTICLE_ID}`)
    await page.getByTestId('field-title').locator('input').waitFor()
    const header = await page.getByTestId('document-panel-document-title').textContent()
    const tab = await page.title()
    console.log(JSON.stringify({header, tab}))
    expect(header).toBe(`\u200F\u2067${LONG_TITLE}\u2069`)
    expect(tab).toBe(`\u200F\u2067${LONG_TITLE}\u2069 | Local lake`)
    await browser.screenshot('pane-header')
  })

  it('puts list markers right of right-to-left text, with the indent on the right', async () => {
    await page.getByTestId('field-sections').getByRole('button', {name: /حقائق رئيسية/}).first().click()
    const editor = page.getByTestId('pt-editor')
    await editor.waitFor()
    for (const kind of ['bullet', 'number']) {
      const item = editor.locator(`[data-list-item="${kind}"]`).first()
      const marker = await boxOf(item.locator('[data-list-prefix] > span'))
      const text = await boxOf(item.locator('[data-text]'))
      const paragraph = await boxOf(editor.locator('[data-pt-block="text"]').first())
      console.log(JSON.stringify({kind, marker, text, paragraph}))
      expect(marker.left).toBeGreaterThanOrEqual(text.right)
    }
    await browser.screenshot('list-markers-rtl')
  })

  it('fills a new section’s heading from its kind in the article’s language, and keeps it editable', async () => {
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${ARTICLE_ID}`)
    await page.getByTestId('field-sections').getByRole('button', {name: 'Add item'}).click()
    const kind = page.locator('[data-testid$="].kind"] select')
    const heading = page.locator('[data-testid$="].heading"] input')
    await kind.selectOption({label: 'Big number'})
    await expect.poll(() => heading.inputValue(), {timeout: ACTION_MS}).toBe('رقم ضخم')
    await kind.selectOption({label: 'Crucial quote'})
    await expect.poll(() => heading.inputValue(), {timeout: ACTION_MS}).toBe('اقتباس حاسم')
    await heading.fill('ما قاله الكرملين')
    await kind.selectOption({label: 'Tangent'})
    await browser.screenshot('section-heading-kept')
    expect(await heading.inputValue()).toBe('ما قاله الكرملين')
    await page.keyboard.press('Escape')
  })

  it('stores no isolate characters', async () => {
    const stored = await client.fetch<unknown[]>('*[_type in ["article", "source"]]')
    expect(ISOLATES.test(JSON.stringify(stored))).toBe(false)
  })
})
