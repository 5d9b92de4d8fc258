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
import {boxOf, measureClippedLine, type ClippedLine} from './helpers/geometry.ts'
import {logIn} from './helpers/login.ts'
import {checkEveryTest, lakeLog} from './helpers/checks.ts'
import {startStudioStack, type StudioStack} from './helpers/stack.ts'

const STEP_MS = 5 * ACTION_MS
/** Longer than a list row, mixing Latin, a number with a percent sign and an Arabic question mark. */
const LONG_TITLE =
  'حلف NATO يرفع إنفاقه الدفاعي بنسبة 3.1% وسط تحذيرات الأمم المتحدة (UN)؟ من سباق تسلح جديد في أوروبا الشرقية وآسيا'
const FIRST_WORD = 'حلف'
const ARTICLE_ID = 'article-ar-e2e-arabic-text'
/** An Arabic original whose title has a number and no Latin word: “Generate” must not make `3-1`. */
const NO_SLUG_ID = 'article-ar-e2e-no-slug'
/** A source with an Arabic headline the article lists under Further Reading. */
const SOURCE_ID = 'source-ar-e2e-reading'
const SOURCE_TITLE = 'الأمم المتحدة (UN) تحذر من سباق تسلح جديد بعد أن رفع حلف NATO إنفاقه بنسبة 3.1% في أوروبا الشرقية'
/** Isolate characters must never reach stored documents (they belong to previews only). */
const ISOLATES = /[\u2066-\u2069]/

let stack: StudioStack
let browser: StudioBrowser
let page: Page
let client: SanityClient
const unknownRoutes: string[] = []

/** A clipped line shows its first word whole and runs out on the left, where the ellipsis is. */
function expectCutAtEnd(line: ClippedLine): void {
  expect(line.textOverflow).toBe('ellipsis')
  expect(line.firstWord.left).toBeGreaterThanOrEqual(line.clip.left)
  expect(line.firstWord.right).toBeLessThanOrEqual(line.clip.right + 0.5)
  expect(line.text.left).toBeLessThan(line.clip.left)
}

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
  await client.createOrReplace({_id: SOURCE_ID, _type: 'source', language: 'ar', title: SOURCE_TITLE})
  await client.createOrReplace({
    _id: ARTICLE_ID,
    _type: 'article',
    language: 'ar',
    title: LONG_TITLE,
    slug: {_type: 'slug', current: 'nato-defence-spending'},
    // Newest, so it is the first row of the list.
    publishedAt: '2030-01-01T00:00:00Z',
    translation: {isTranslation: false},
    furtherReading: [{_key: 'r1', _type: 'reference', _ref: SOURCE_ID}],
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
      {
        _key: 'numbers',
        _type: 'articleSection',
        kind: 'bigNumber',
        heading: 'رقم ضخم',
        body: [{_key: 'n1', _type: 'bigNumber', display: '٤', value: 3, caption: 'دول اعترفت بالجمهوريات'}],
      },
    ],
  })
  await client.createOrReplace({
    _id: NO_SLUG_ID,
    _type: 'article',
    language: 'ar',
    title: 'ارتفاع الإنفاق الدفاعي بنسبة 3.1%',
    publishedAt: '2029-01-01T00:00:00Z',
    translation: {isTranslation: false},
  })
  browser = await launchStudioBrowser({screenshotDir: join(SCREENSHOT_DIR, 'arabic-text')})
  page = browser.page
  await logIn(page, stack.workspaceUrl)
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

checkEveryTest(() => browser, unknownRoutes)

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
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${ARTICLE_ID}`)
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

  it('generates no slug of digits alone from an Arabic title, and says what to type', async () => {
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${NO_SLUG_ID}`)
    const field = page.getByTestId('field-slug')
    await field.getByRole('button', {name: 'Generate'}).click()
    // Validation messages live in the field's tooltip: present, shown on hover.
    await page.getByText('Arabic, Persian, Hebrew and Urdu titles are not turned into slugs').first().waitFor({state: 'attached'})
    await browser.screenshot('slug-not-generated')
    expect(await field.locator('input').inputValue()).toBe('')
    const draft = await client.getDocument(`drafts.${NO_SLUG_ID}`)
    expect(draft?.slug?.current ?? '').toBe('')
  })

  it('accepts Arabic-Indic digits in a big number’s value and warns when it disagrees with the display', async () => {
    const path = encodeURIComponent('sections[_key=="numbers"].body[_key=="n1"]')
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${ARTICLE_ID},path=${path}`)
    const value = page.locator('[data-testid$=".value"] input')
    await value.waitFor()
    await page.getByText('The display shows 4 but the value is 3: make them the same number.').first().waitFor({state: 'attached'})
    await browser.screenshot('big-number-mismatch')
    await value.fill('')
    await value.pressSequentially('٤')
    await expect
      .poll(async () => (await client.getDocument(`drafts.${ARTICLE_ID}`))?.sections?.[1]?.body?.[0]?.value, {timeout: ACTION_MS})
      .toBe(4)
    expect(await value.inputValue()).toBe('4')
    await expect.poll(() => page.getByText('The display shows 4 but the value is').count(), {timeout: ACTION_MS}).toBe(0)
    await browser.screenshot('big-number-arabic-digit')
    await page.keyboard.press('Escape')
  })

  it('keeps straight quotes typed in Arabic text, and dates a new correction today', async () => {
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${ARTICLE_ID}`)
    await page.getByTestId('field-sections').getByRole('button', {name: /حقائق رئيسية/}).first().click()
    const editor = page.getByTestId('pt-editor').locator('[contenteditable="true"]')
    // Right to left, the line ends on its left: a click there puts the caret after the last word.
    await editor.getByText('الخطوة الأولى').click({position: {x: 1, y: 8}})
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('contenteditable'))).toBe('true')
    await page.keyboard.type(' قال "نعم" و\'لا\'')
    const typed = 'الخطوة الأولى قال "نعم" و\'لا\''
    await expect
      .poll(async () => (await client.getDocument(`drafts.${ARTICLE_ID}`))?.sections?.[0]?.body?.[2]?.children?.[0]?.text, {timeout: ACTION_MS})
      .toBe(typed)
    await browser.screenshot('quotes-kept')
    await page.keyboard.press('Escape')

    await page.getByTestId('group-tab-publishing').click()
    await page.getByTestId('field-corrections').getByRole('button', {name: 'Add item'}).click()
    const day = await page.evaluate(() => {
      const now = new Date()
      const pad = (part: number) => String(part).padStart(2, '0')
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
    })
    await expect
      .poll(async () => (await client.getDocument(`drafts.${ARTICLE_ID}`))?.corrections?.[0]?.date, {timeout: ACTION_MS})
      .toBe(day)
    await browser.screenshot('correction-dated-today')
    await page.keyboard.press('Escape')
  })

  it('cuts Arabic headlines at their end in references, and starts them on the right in search results', async () => {
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${ARTICLE_ID}`)
    await page.getByTestId('group-tab-sources').click()
    const reference = page.getByTestId('field-furtherReading').getByText(SOURCE_TITLE).first()
    await reference.scrollIntoViewIfNeeded()
    expectCutAtEnd(await measureClippedLine(reference))
    await browser.screenshot('reference-preview')

    await page.getByRole('button', {name: 'Search'}).first().click()
    await page.keyboard.type('NATO')
    // The search results open in a portal at the end of the page: the last match of each title.
    await expect.poll(() => page.getByText(SOURCE_TITLE).count(), {timeout: ACTION_MS}).toBe(2)
    await browser.screenshot('search-results')
    // The popover is wide enough for the whole headline: it reads from the right edge.
    const result = await measureClippedLine(page.getByText(LONG_TITLE).last())
    expect(result.clip.right - result.firstWord.right).toBeLessThan(1)
    expect(result.text.left).toBeGreaterThanOrEqual(result.clip.left)
    await page.keyboard.press('Escape')
  })

  it('shows a changed Arabic title in Review changes right to left, and the narrowed pane header cut at its end', async () => {
    const published = await client.getDocument(ARTICLE_ID)
    if (!published) throw new Error(`${ARTICLE_ID} is not published`)
    await client.createOrReplace({...published, _type: 'article', _id: `drafts.${ARTICLE_ID}`, title: `${LONG_TITLE} — NATO 2.5%`})
    await client.patch(`drafts.${ARTICLE_ID}`).set({title: `${LONG_TITLE} (UN)؟ 4.5%`}).commit()
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${ARTICLE_ID}`)
    await page.getByTestId('pane-footer-document-status').click()
    await page.getByRole('tab', {name: 'Review changes'}).click()
    const diff = page.locator('[data-ui="field-diff-inspect-wrapper"] > div').first()
    await diff.locator('ins').first().waitFor()
    const line = await measureClippedLine(diff)
    const box = await boxOf(diff)
    await browser.screenshot('review-changes')
    // The paragraph is right to left: its first word ends at the right edge.
    expect(box.right - line.firstWord.right).toBeLessThan(2)
    // With the inspector open the pane header is too narrow for the headline.
    expectCutAtEnd(await measureClippedLine(page.getByTestId('pane-header').getByText(LONG_TITLE).first()))
    await page.keyboard.press('Escape')
  })

  it('lets a release holding an edited article run: its version does not clash with its own slug', async () => {
    const id = 'article-ar-e2e-release'
    await client.createOrReplace({
      _id: id,
      _type: 'article',
      language: 'ar',
      title: 'مقال في إصدار',
      slug: {_type: 'slug', current: 'article-in-a-release'},
      publishedAt: '2028-01-01T00:00:00Z',
      translation: {isTranslation: false},
      sections: [{_key: 'top', _type: 'articleSection', kind: 'topline', heading: 'السطر العلوي', body: [block('t1', 'نص المقال')]}],
    })
    const published = await client.getDocument(id)
    if (!published) throw new Error(`${id} was not created`)
    await client.action({actionType: 'sanity.action.release.create', releaseId: 'rE2eSlug', metadata: {title: 'E2E slug', releaseType: 'asap'}})
    await client.action({
      actionType: 'sanity.action.document.version.create',
      publishedId: id,
      document: {...published, _type: 'article', _id: `versions.rE2eSlug.${id}`, title: 'مقال في إصدار، بعد التعديل'},
    })
    await page.goto(`${stack.workspaceUrl}/releases/rE2eSlug`)
    const run = page.getByTestId('publish-all-button')
    await run.waitFor()
    await expect.poll(() => run.isEnabled(), {timeout: ACTION_MS}).toBe(true)
    await browser.screenshot('release-can-run')
    expect(await page.getByText('Slug is already in use').count()).toBe(0)
  })

  it('stores no isolate characters', async () => {
    const stored = await client.fetch<unknown[]>('*[_type in ["article", "source"]]')
    expect(ISOLATES.test(JSON.stringify(stored))).toBe(false)
  })
})
