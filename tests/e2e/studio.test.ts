/**
 * The real Sanity Studio, built from this repo, editing the seeded Arabic article on the local
 * lake in headless Chromium: log in, right-to-left editing, publish, restore from history, two
 * documents live side by side, and Vision. Screenshots of every step go to test-results/e2e/.
 */
import {existsSync} from 'node:fs'

import type {SanityClient} from '@sanity/client'
import type {Locator, Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {CHROMIUM, launchStudioBrowser, type StudioBrowser} from './helpers/browser.ts'
import {startStudioStack, type StudioStack} from './helpers/stack.ts'

/** How long a change may take to show up (lake → listener → Studio, or Studio → lake). */
const SETTLE_MS = 20_000

interface SeededArticle {
  _id: string
  title: string
  toplineKey: string
  topline: string
  sourceId: string
  sourceTitle: string
}

let stack: StudioStack
let browser: StudioBrowser
let page: Page
let client: SanityClient
let article: SeededArticle
/** Every listener stream the Studio opened, by host. */
const listenerHosts: string[] = []
/** Requests the lake had no route for (it answered 404 JSON and logged them). */
const unknownRoutes: string[] = []

beforeAll(async () => {
  // Without Chromium every test below fails (the first one says why); nothing is skipped.
  if (!existsSync(CHROMIUM)) return
  stack = await startStudioStack((line) => {
    if (!line.startsWith('lake:')) console.log(line)
    else if (line.includes('unknown route')) unknownRoutes.push(line.slice('lake: unknown route: '.length))
  })
  console.log(`Studio build: ${stack.buildCached ? 'cached' : `${(stack.buildMs / 1000).toFixed(1)} s`}`)
  client = stack.lake.client()
  article = await client.fetch(
    `*[_type == "article" && language == "ar"][0]{
      _id, title, "toplineKey": sections[0]._key, "topline": sections[0].body[0].children[0].text,
      "sourceId": originalSource._ref, "sourceTitle": originalSource->title
    }`,
  )
  expect(article?._id).toMatch(/^article-/)
  browser = await launchStudioBrowser()
  page = browser.page
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.includes('/data/listen/')) listenerHosts.push(url.hostname)
  })
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

afterEach(() => {
  if (!browser) return // beforeAll failed and said why
  // Console errors fail the step that caused them (the Studio's own CDN calls are filtered out).
  expect(browser.errors.splice(0)).toEqual([])
  expect(browser.foreignRequests).toEqual([])
})

describe('Sanity Studio on the local lake', () => {
  it('has Chromium to drive', () => {
    expect(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (CI: .ci/run does) or set CHROMIUM_PATH`).toBe(true)
  })

  it('logs in with the lake\'s login provider, without pasting a token', async () => {
    await page.goto(stack.workspaceUrl)
    const provider = page.getByRole('link', {name: 'Local Content Lake (this computer)'})
    await provider.waitFor()
    await browser.screenshot('login-screen')
    await provider.click()
    await page.getByTestId('pane-item-Articles').waitFor()
    await browser.screenshot('logged-in')
    const stored = await page.evaluate(() => localStorage.getItem('__studio_auth_token_local'))
    expect(JSON.parse(stored ?? '{}').token).toBe(stack.lake.token)
    expect(page.url()).not.toContain('sid=')
  })

  it('opens the seeded Arabic article from the desk, right to left', async () => {
    await page.getByTestId('pane-item-Articles').click()
    await page.getByTestId('pane-item-All articles').click()
    await page.getByText(article.title).first().click()
    const title = page.getByTestId('field-title').locator('input')
    await title.waitFor()
    expect(await title.inputValue()).toBe(article.title)
    expect(await title.getAttribute('dir')).toBe('rtl')

    await openTopline(page)
    const body = page.getByTestId('pt-editor').locator('[contenteditable="true"]')
    await body.getByText(article.topline.slice(0, 20)).waitFor()
    const block = body.locator('[dir="rtl"]').filter({hasText: article.topline.slice(0, 20)}).first()
    expect(await block.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl')
    await browser.screenshot('article-rtl')
  })

  it('changes a sentence and publishes it', async () => {
    const changed = article.topline.replace('يوم الخميس', 'يوم الجمعة')
    expect(changed).not.toBe(article.topline)
    const body = page.getByTestId('pt-editor').locator('[contenteditable="true"]')
    await body.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText(changed)
    await page.getByTestId('pt-editor').getByText('يوم الجمعة', {exact: false}).waitFor()
    await browser.screenshot('sentence-changed')
    await page.keyboard.press('Escape')

    await waitFor(async () => (await client.getDocument(`drafts.${article._id}`)) !== undefined)
    await page.getByTestId('action-publish').click()
    // The editor turns straight quotes into typographic ones as it inserts text.
    await waitFor(async () => plainQuotes(await toplineOf(client, article._id)) === changed)
    expect(await client.getDocument(`drafts.${article._id}`)).toBeUndefined()
    await page.getByText('Last published just now').waitFor()
    await browser.screenshot('published')
  })

  it('restores the previous revision from history', async () => {
    await page.getByTestId('document-header-Published-chip').click()
    await page.getByTestId('pane-footer-document-status').click()
    await page.getByRole('tab', {name: 'History'}).click()
    const created = page.getByTestId('timeline-item-button').filter({hasText: 'Created'})
    await created.last().click()
    await page.getByTestId('action-reverttorevision').waitFor()
    await browser.screenshot('history-previous-revision')
    await page.getByTestId('action-reverttorevision').click()
    await page.getByRole('button', {name: 'Confirm'}).click()
    await waitFor(async () => (await toplineOf(client, `drafts.${article._id}`)) === article.topline)
    await page.getByText('was restored').waitFor()
    await browser.screenshot('restored-as-draft')

    await page.getByTestId('document-header-Draft-chip').click()
    await page.getByTestId('action-publish').click()
    await waitFor(async () => (await toplineOf(client, article._id)) === article.topline)
    await browser.screenshot('restored-published')
  })

  it('keeps two documents open side by side live', async () => {
    // Article and its source in two panes: 2 pair listeners + list, preview, releases and more.
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${article._id}`)
    await page.getByTestId('group-tab-sources').click()
    await page.getByTestId('document-pane').getByText(article.sourceTitle).first().click()
    const panes = page.getByTestId('document-pane')
    await waitFor(async () => (await panes.count()) === 2)
    await panes.nth(1).getByTestId('field-title').waitFor()
    await browser.screenshot('side-by-side')

    const articleTitle = 'كوريا الشمالية تنفي — عنوان عدّله العميل'
    const sourceTitle = `Source title edited by a client at ${new Date().toISOString()}`
    await client.patch(article.sourceId).set({title: sourceTitle}).commit()
    await client.patch(article._id).set({title: articleTitle}).commit()
    await waitFor(async () => (await paneTitle(panes.nth(1))) === sourceTitle)
    await waitFor(async () => (await paneTitle(panes.nth(0))) === articleTitle)
    await browser.screenshot('side-by-side-live')

    // Every listener stream had a host of its own, so none waited for a free connection.
    expect(listenerHosts.length).toBeGreaterThan(6)
    expect(listenerHosts.every((host) => /^listen-\d+\.local\.localhost$/.test(host))).toBe(true)
    console.log(`listener streams opened so far: ${listenerHosts.length}, each on its own host`)
  })

  it('runs a GROQ query in Vision', async () => {
    await page.goto(`${stack.workspaceUrl}/vision`)
    const editor = page.locator('.cm-content').first()
    await editor.waitFor()
    await editor.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText('*[_type == "source"]{title}')
    await page.keyboard.press('Control+Enter')
    await page.getByText('Source title edited by a client').first().waitFor({timeout: SETTLE_MS})
    await browser.screenshot('vision')
  })

  it('reports how long the Studio takes from navigation to the article form', async () => {
    const started = Date.now()
    await page.goto(`${stack.workspaceUrl}/structure/articles;articles-all;${article._id}`)
    await page.getByTestId('field-title').locator('input').waitFor()
    console.log(`Studio navigation → article form: ${Date.now() - started} ms`)
  })

  it('also logs in with the #token= link npm run studio prints as a fallback', async () => {
    await page.evaluate(() => localStorage.clear())
    await page.goto(`${stack.workspaceUrl}#token=${stack.lake.token}`)
    await page.getByTestId('pane-item-Articles').waitFor()
    expect(page.url()).not.toContain('token=')
  })

  it('had a route for every request the Studio made', () => {
    expect([...new Set(unknownRoutes)]).toEqual([])
  })
})

async function openTopline(page: Page): Promise<void> {
  await page.getByTestId('field-sections').getByRole('button', {name: /Topline/}).first().click()
  await page.getByTestId('pt-editor').waitFor()
}

async function toplineOf(client: SanityClient, id: string): Promise<string | undefined> {
  const doc = await client.getDocument(id)
  const sections = doc?.sections
  if (!Array.isArray(sections)) return undefined
  return sections[0]?.body?.[0]?.children?.[0]?.text
}

function plainQuotes(text: string | undefined): string | undefined {
  return text?.replace(/[“”]/g, '"')
}

/** The document title the pane shows above its form. */
async function paneTitle(pane: Locator): Promise<string | null> {
  return pane.getByTestId('document-panel-document-title').textContent()
}

/** Polls `check` until it holds. @throws Error after SETTLE_MS. */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + SETTLE_MS
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${SETTLE_MS} ms: ${check}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
