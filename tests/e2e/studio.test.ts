/**
 * The real Sanity Studio, built from this repo, editing the seeded Arabic article on the local
 * lake in headless Chromium: log in, right-to-left editing, publish, restore from history, two
 * documents live side by side, and Vision. Screenshots of every step go to test-results/e2e/.
 * Each test makes its own state (its login, its own copy of the article to edit), so one
 * failure does not fail the tests after it, and each can run alone (`-t`).
 */

import type {SanityClient} from '@sanity/client'
import type {Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'

import {ACTION_MS, launchStudioBrowser, type StudioBrowser} from './helpers/browser.ts'
import {copyArticle, openTopline, paneTitle, toplineOf} from './helpers/article.ts'
import {directions, textStart} from './helpers/directions.ts'
import {SETTLE_MS, waitFor} from './helpers/settle.ts'
import {checkEveryTest, lakeLog} from './helpers/checks.ts'
import {isolate} from '../../studio/bidi.ts'
import {startStudioStack, type StudioStack} from './helpers/stack.ts'
import {CONFIRM_LABEL} from '../../lake/studioApi/loginPage.ts'
import {formTimings} from './helpers/timings.ts'
import {forgetToken, storeToken} from './helpers/login.ts'

/** Each step may wait up to ACTION_MS for the Studio, a few times over. */
const STEP_MS = 5 * ACTION_MS

interface SeededArticle {
  _id: string
  title: string
  topline: string
}

let stack: StudioStack
let browser: StudioBrowser
let page: Page
let client: SanityClient
let seeded: SeededArticle
/** Every listener stream the Studio opened, by host. */
const listenerHosts: string[] = []
/** Requests the lake had no route for (it answered 404 JSON and logged them). */
const unknownRoutes: string[] = []
/** Navigation → usable article form, measured as the suite opens articles; printed at the end. */
const timings = formTimings()
/** Console warnings that the desk structure lacks an API version somewhere. */
const apiVersionWarnings: string[] = []

beforeAll(async () => {
  stack = await startStudioStack(lakeLog(unknownRoutes))
  console.log(`Studio build: ${stack.buildCached ? 'cached' : `${(stack.buildMs / 1000).toFixed(1)} s`}`)
  client = stack.lake.client()
  seeded = await client.fetch(
    `*[_type == "article" && language == "ar"][0]{
      _id, title, "topline": sections[0].body[0].children[0].text
    }`,
  )
  expect(seeded?._id).toMatch(/^article-ar-/)
  browser = await launchStudioBrowser()
  page = browser.page
  page.on('console', (message) => {
    if (message.text().includes('No apiVersion specified')) apiVersionWarnings.push(message.text())
  })
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname.includes('/data/listen/')) listenerHosts.push(url.hostname)
  })
}, 300_000)

afterAll(async () => {
  console.log(timings.report())
  await browser?.close()
  await stack?.close()
})

checkEveryTest(() => browser, unknownRoutes)

afterEach(() => {
  // The desk structure names an API version everywhere: the Studio warns in this step otherwise.
  expect(apiVersionWarnings.splice(0)).toEqual([])
})

describe('Sanity Studio on the local lake', {timeout: STEP_MS}, () => {
  it('logs in with the lake\'s login provider, without pasting a token', async () => {
    await forgetToken(page, stack.workspaceUrl)
    await page.goto(stack.workspaceUrl)
    const provider = page.getByRole('link', {name: 'Local Content Lake (this computer)'})
    await provider.waitFor()
    await browser.screenshot('login-screen')
    await provider.click()
    // The lake's own page names the Studio that asks; nothing happens until the editor confirms.
    const confirm = page.getByRole('button', {name: CONFIRM_LABEL, exact: true})
    await confirm.waitFor()
    expect(await page.locator('strong').first().textContent()).toBe(new URL(stack.workspaceUrl).origin)
    await browser.screenshot('login-confirm')
    await confirm.click()
    await page.getByTestId('pane-item-Articles').waitFor()
    await browser.screenshot('logged-in')
    const stored = await page.evaluate(() => localStorage.getItem('__studio_auth_token_local'))
    expect(JSON.parse(stored ?? '{}').token).toBe(stack.lake.token)
    expect(page.url()).not.toContain('sid=')
  })

  it('opens the seeded Arabic article from the desk, right to left', async () => {
    await openSeededFromDesk()
    const title = page.getByTestId('field-title').locator('input')
    await title.waitFor()
    expect(await title.inputValue()).toBe(seeded.title)
    expect(await title.getAttribute('dir')).toBe('rtl')

    await openTopline(page)
    const body = page.getByTestId('pt-editor').locator('[contenteditable="true"]')
    await body.getByText(seeded.topline.slice(0, 20)).waitFor()
    const block = body.locator('[dir="rtl"]').filter({hasText: seeded.topline.slice(0, 20)}).first()
    expect(await block.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl')
    await browser.screenshot('article-rtl')
  })

  it('offers no comments on the local lake, which keeps none (no dead "Add comment" buttons)', async () => {
    await openSeededFromDesk()
    const field = page.getByTestId('field-title')
    await field.hover()
    // The field's actions render with its comment button, when there is one.
    await field.getByTestId('field-actions-trigger').waitFor()
    expect(await field.getByRole('button', {name: 'Add comment'}).count()).toBe(0)
    expect(await page.getByRole('button', {name: 'Comments', exact: true}).count()).toBe(0)
  })

  it('changes a sentence and publishes it', async () => {
    const article = await copyArticle(client, seeded._id, 'publish')
    const changed = article.topline.replace('يوم الخميس', 'يوم الجمعة')
    expect(changed).not.toBe(article.topline)
    await loggedIn()
    await openByIntent(article._id)
    await openTopline(page)
    const body = page.getByTestId('pt-editor').locator('[contenteditable="true"]')
    await body.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText(changed)
    await page.getByTestId('pt-editor').getByText('يوم الجمعة', {exact: false}).waitFor()
    await browser.screenshot('sentence-changed')
    await page.keyboard.press('Escape')

    await waitFor(async () => (await client.getDocument(`drafts.${article._id}`)) !== undefined)
    await publishWithoutCorrection()
    // Stored exactly as typed: Arabic text keeps its straight quotes (no English curly ones).
    await waitFor(async () => (await toplineOf(client, article._id)) === changed)
    expect(await client.getDocument(`drafts.${article._id}`)).toBeUndefined()
    await page.getByText('Last published just now').waitFor()
    await browser.screenshot('published')
  })

  it('restores the previous revision from history', async () => {
    // Created as the seed left it, then published with another topline.
    const article = await copyArticle(client, seeded._id, 'restore')
    await client.patch(article._id).set({'sections[0].body[0].children[0].text': `${article.topline} (edited)`}).commit()
    await loggedIn()
    await openByIntent(article._id)
    await page.getByTestId('document-header-Published-chip').click()
    await page.getByTestId('pane-footer-document-status').click()
    await page.getByRole('tab', {name: 'History'}).click()
    const created = page.getByTestId('timeline-item-button').filter({hasText: 'Created'})
    await created.last().click()
    await page.getByTestId('action-reverttorevision').waitFor()
    await browser.screenshot('history-previous-revision')
    await page.getByTestId('action-reverttorevision').click()
    await page.getByRole('button', {name: 'Confirm'}).click()
    // The toast goes away after a few seconds: watch for it while the lake is polled, not after.
    await Promise.all([
      page.getByText('was restored').waitFor(),
      waitFor(async () => (await toplineOf(client, `drafts.${article._id}`)) === article.topline),
    ])
    await browser.screenshot('restored-as-draft')

    await page.getByTestId('document-header-Draft-chip').click()
    await publishWithoutCorrection()
    await waitFor(async () => (await toplineOf(client, article._id)) === article.topline)
    await browser.screenshot('restored-published')
  })

  it('keeps two documents open side by side live', async () => {
    const article = await copyArticle(client, seeded._id, 'side-by-side')
    await loggedIn()
    const listenersBefore = listenerHosts.length
    // Article and its source in two panes: 2 pair listeners + list, preview, releases and more.
    await timings.open(page, `${stack.workspaceUrl}/structure/articles;articles-all;${article._id}`)
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
    // Pane headers show titles isolated in the document's direction (the seeded source is English).
    await waitFor(async () => (await paneTitle(panes.nth(1))) === isolate(sourceTitle, 'ltr'))
    await waitFor(async () => (await paneTitle(panes.nth(0))) === isolate(articleTitle, 'rtl'))
    await browser.screenshot('side-by-side-live')

    // Every listener stream had a host of its own, so none waited for a free connection.
    const opened = listenerHosts.slice(listenersBefore)
    expect(opened.length).toBeGreaterThan(6)
    expect(opened.every((host) => /^listen-\d+\.local\.localhost$/.test(host))).toBe(true)
    console.log(`listener streams this test opened: ${opened.length}, each on its own host`)
  })

  it('runs a GROQ query in Vision', async () => {
    const title = `A source only Vision looks for, made at ${new Date().toISOString()}`
    await client.createOrReplace({_id: 'source-e2e-vision', _type: 'source', title})
    await loggedIn()
    await page.goto(`${stack.workspaceUrl}/vision`)
    const editor = page.locator('.cm-content').first()
    await editor.waitFor()
    await editor.click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText('*[_type == "source" && _id == "source-e2e-vision"]{title}')
    await page.keyboard.press('Control+Enter')
    await page.getByText(title).first().waitFor({timeout: SETTLE_MS})
    await browser.screenshot('vision')
  })

  it('makes article inputs follow the language: rtl for Arabic, ltr for English, auto without one', async () => {
    const english = {_id: 'article-en-e2e-direction', _type: 'article', language: 'en', title: 'North Korea Denies'}
    const noLanguage = {_id: 'article-e2e-no-language', _type: 'article', title: 'No language yet'}
    await client.createOrReplace(english)
    await client.createOrReplace(noLanguage)
    const arabic = await client.fetch<{title: string; heading: string; blocks: string[]}>(
      `*[_id == $id][0]{title, "heading": sections[0].heading, "blocks": sections[0].body[_type == "block"]{"text": pt::text(@)}.text}`,
      {id: seeded._id},
    )
    const rtl = (text: string) => ({text: textStart(text), dir: 'rtl', direction: 'rtl'})

    await loggedIn()
    await openByIntent(seeded._id)
    await expect.poll(() => directions(page), {timeout: ACTION_MS}).toEqual([rtl(arabic.title)])
    await openTopline(page)
    await expect
      .poll(() => directions(page), {timeout: SETTLE_MS})
      .toEqual([rtl(arabic.title), rtl(arabic.heading), ...arabic.blocks.map(rtl)])
    const block = page.locator('[data-pt-block="text"] [data-direction-for]').first()
    expect(await block.getAttribute('dir')).toBe('rtl')
    await browser.screenshot('directions-arabic')

    await openByIntent(english._id)
    await expect
      .poll(() => directions(page), {timeout: ACTION_MS})
      .toEqual([{text: textStart(english.title), dir: 'ltr', direction: 'ltr'}])
    await openByIntent(noLanguage._id)
    await expect
      .poll(() => directions(page), {timeout: ACTION_MS})
      .toEqual([{text: textStart(noLanguage.title), dir: 'auto', direction: 'ltr'}])
    await browser.screenshot('directions-no-language')
  })

  it('also logs in with the #token= link npm run studio prints as a fallback', async () => {
    await forgetToken(page, stack.workspaceUrl)
    await page.goto(`${stack.workspaceUrl}#token=${stack.lake.token}`)
    await page.getByTestId('pane-item-Articles').waitFor()
    expect(page.url()).not.toContain('token=')
  })
})

/** Logs the page in without the login flow (the login tests test that flow). */
async function loggedIn(): Promise<void> {
  await storeToken(page, stack.workspaceUrl, stack.lake.token)
}

/** Opens the seeded article as an editor does: from the desk, through the list of all articles. */
async function openSeededFromDesk(): Promise<void> {
  await loggedIn()
  await page.goto(stack.workspaceUrl)
  await page.getByTestId('pane-item-Articles').click()
  await page.getByTestId('pane-item-All articles').click()
  await page.getByText(seeded.title).first().click()
}

/** Opens a document by its edit intent, as a link from outside the Studio would, timing it. */
async function openByIntent(id: string): Promise<void> {
  await timings.open(page, `${stack.workspaceUrl}/intent/edit/id=${id};type=article/`)
}

/**
 * Publishes the open article's changes. The article is already published, so the Studio first
 * offers a correction for readers (correction.test.ts): these changes go out without one.
 */
async function publishWithoutCorrection(): Promise<void> {
  await page.getByTestId('action-publish').click()
  await page.getByRole('dialog').getByRole('button', {name: 'Publish without'}).click()
}
