/**
 * Visual editing end to end: the built Studio's Presentation tool previews the reader site
 * (web/, `next build` + `next start` against the same test lake) in draft mode. The Studio creates
 * the preview-URL secret, the site's enable route validates it with its server token; the page
 * then carries stega edit info and <VisualEditing>. Screenshots in test-results/web/presentation/.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {stegaClean} from '@sanity/client/stega'
import type {Frame} from 'playwright-core'
import {describe, expect, it} from 'vitest'

import {studioSuite} from '../e2e/helpers/suite.ts'
import {waitFor} from '../e2e/helpers/settle.ts'
import {freePort, startSite, type RunningSite} from '../../scripts/lib/nextSite.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const SLUG = 'north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
const ARABIC_PATH = `/ar/${SLUG}`
const ARTICLE_ID = `article-ar-${SLUG}`
const TITLE = 'كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية'
const EDIT = ' (مسودة)'
const ORIGINAL_SOURCE = 'North Korea Denies Selling Weapons To Moscow As Russias Isolation Grows'
const FURTHER_READING = 'المخابرات الأمريكية تظهر أن روسيا تشتري أسلحة من كوريا الشمالية'

const sitePort = await freePort()
const siteUrl = `http://localhost:${sitePort}`
let site: RunningSite | undefined

const suite = studioSuite(
  'presentation',
  async (stack) => {
    site = await startSite(stack.lake.dir, '.next-test-presentation', {port: sitePort, env: {NEXT_PUBLIC_SANITY_STUDIO_URL: stack.workspaceUrl}})
  },
  {previewUrl: siteUrl, screenshotDir: resolve(ROOT, 'test-results/web/presentation'), after: async () => {
    await site?.close()
  }},
)

/** The site's frame inside the Presentation tool showing the article, if there is one now. */
function articleFrame(): Frame | undefined {
  return suite.page.frames().find((frame) => frame.url().startsWith(`${siteUrl}${ARABIC_PATH}`))
}

/** The site's frame inside the Presentation tool, once it shows the article. */
async function preview(): Promise<Frame> {
  let found: Frame | undefined
  await waitFor(async () => {
    found = articleFrame()
    return found !== undefined && (await found.locator('h1').count()) > 0
  })
  if (!found) throw new Error('no preview frame')
  return found
}

/** The text of the first element matching `selector` in the preview, without stega's hidden characters. */
async function cleanText(frame: Frame, selector: string): Promise<string> {
  return stegaClean((await frame.locator(selector).first().textContent()) ?? '')
}

/**
 * Hovers `selector` in the preview until <VisualEditing> draws its overlay (it finds the stega
 * strings once the Studio has connected), and returns the element's box and the overlay's.
 * `frame` finds the preview's frame again on every try: Presentation may reload the iframe (the
 * draft-mode redirect, a perspective change), which detaches the frame found before.
 */
async function overlayOn(frame: () => Frame | undefined, selector: string): Promise<{box: DOMRectInit; drawn: DOMRectInit}> {
  const rect = (element: Element) => {
    const {x, y, width, height} = element.getBoundingClientRect()
    return {x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height)}
  }
  let seen: {box: DOMRectInit; drawn: DOMRectInit} | undefined
  // The overlay may go again between two reads (the preview re-renders): both boxes are read in
  // the same step that finds it, and the hover is repeated until that step succeeds.
  await waitFor(async () => {
    const current = frame()
    if (!current || current.isDetached()) return false
    const target = current.locator(selector).first()
    const overlay = current.locator('sanity-visual-editing [data-hovered]')
    try {
      await target.scrollIntoViewIfNeeded({timeout: 2000})
      await suite.page.mouse.move(0, 0)
      await target.hover({timeout: 2000})
      if ((await overlay.count()) !== 1) return false
      const drawn = await overlay.evaluate(rect, undefined, {timeout: 1000})
      // The overlay is added first and placed on a later frame: until then it has no size.
      if (!drawn.width || !drawn.height) return false
      seen = {box: await target.evaluate(rect, undefined, {timeout: 1000}), drawn}
      return true
    } catch (error) {
      // A reloading preview detaches the frame or swaps the element: try again on the new one.
      if (error instanceof Error && /detached|Timeout|Target closed|Execution context/i.test(error.message)) return false
      throw error
    }
  })
  if (!seen) throw new Error(`no overlay drawn over ${selector}`)
  return seen
}

/** The Presentation pane's text once its document is closed: the main document and the documents on the page. */
async function documentsPaneText(): Promise<string> {
  const {page} = suite
  // The pane's close icon (top right) leads from the main document's form to the page's document list.
  const close = await page.evaluate(() => {
    const icons = [...document.querySelectorAll('path[d="M18 7L7 18M7 7L18 18"]')].map((path) => path.getBoundingClientRect())
    const icon = icons.find((box) => box.x > window.innerWidth - 100 && box.y < 100)
    return icon ? {x: icon.x + icon.width / 2, y: icon.y + icon.height / 2} : null
  })
  if (!close) throw new Error('no close icon at the top right of the document pane')
  await page.mouse.click(close.x, close.y)
  // Bidi marks and isolates come from the schema previews (studio/bidi.ts).
  const text = async () => (await page.locator('body').innerText()).replace(/[\u200e\u200f\u2066-\u2069]/g, '')
  // The list fills in after its heading: wait for its last entry (the page's further reading).
  await waitFor(async () => (await text()).split('Documents on this page')[1]?.includes(FURTHER_READING) ?? false)
  return text()
}

const STEP_MS = 240_000

describe('Presentation tool', () => {
  it('previews the Arabic article in draft mode with edit overlays on its title, headings, paragraphs and big number', async () => {
    const {page} = suite
    await page.goto(`${suite.stack.workspaceUrl}/presentation?preview=${encodeURIComponent(ARABIC_PATH)}`)
    const frame = await preview()
    // mainDocuments: the page's article opens in the form beside the preview.
    await page.waitForURL(new RegExp(`/presentation/article/${ARTICLE_ID}\\?`))
    expect(await cleanText(frame, 'h1')).toBe(TITLE)
    // Draft mode: every visible text carries stega, computed values stay clean.
    expect(await frame.locator('h1').textContent()).not.toBe(TITLE)
    expect(await frame.locator('section[data-kind]').evaluateAll((list) => list.map((section) => section.getAttribute('data-kind')))).toEqual([
      'topline', 'keyFacts', 'keyBackground', 'bigNumber', 'furtherReading',
    ])
    const targets = {
      title: 'h1',
      heading: 'section[data-kind="keyFacts"] h2',
      paragraph: 'section[data-kind="topline"] .lead p',
      bigNumber: '.big-number-display',
      caption: '.big-number figcaption',
    }
    for (const [name, selector] of Object.entries(targets)) {
      const {box, drawn} = await overlayOn(articleFrame, selector)
      expect({name, ...drawn}).toEqual({name, ...box})
      await suite.browser.screenshot(`overlay-${name}`)
    }
  }, STEP_MS)

  it('lists the article and its sources under "Documents on this page"', async () => {
    const text = await documentsPaneText()
    await suite.browser.screenshot('documents-on-this-page')
    const [main, list] = text.split('Documents on this page')
    expect(main).toContain('Main document')
    expect(main).toContain(TITLE)
    for (const document of [ORIGINAL_SOURCE, FURTHER_READING, 'roberthart', 'Forbes']) {
      expect(list).toContain(document)
    }
  }, STEP_MS)

  it('opens the title field when the title is clicked in the preview', async () => {
    const {page} = suite
    const frame = await preview()
    await frame.locator('h1').click()
    await page.waitForURL(new RegExp(`/presentation/article/${ARTICLE_ID}/title\\?`))
    await waitFor(() => page.evaluate(() => document.activeElement?.closest('[data-testid="field-title"]') !== null))
    await suite.browser.screenshot('title-clicked')
  }, STEP_MS)

  it('shows what the editor types in the preview as a draft, leaving the published article as it was', async () => {
    const {page} = suite
    const frame = await preview()
    await page.keyboard.press('End')
    await page.keyboard.type(EDIT)
    const typed = performance.now()
    await waitFor(async () => (await cleanText(frame, 'h1')) === TITLE + EDIT)
    console.log(`draft edit -> preview updated: ${Math.round(performance.now() - typed)} ms`)
    // The page's metadata follows the draft too, without stega's hidden characters.
    await waitFor(async () => (await articleFrame()?.evaluate(() => document.title).catch(() => '')) === TITLE + EDIT)
    await suite.browser.screenshot('draft-in-preview')
    const {client} = suite.stack.lake
    expect(await client().fetch('*[_id == $id][0].title', {id: `drafts.${ARTICLE_ID}`}, {perspective: 'raw'})).toBe(TITLE + EDIT)
    expect(await client({token: undefined}).fetch('*[_id == $id][0].title', {id: ARTICLE_ID})).toBe(TITLE)
    // Readers outside draft mode still see the published title.
    const html = await (await fetch(`${siteUrl}${ARABIC_PATH}`)).text()
    expect(html).toContain(`<h1>${TITLE}</h1>`)
  }, STEP_MS)

  it('shows the draft title on the front page in the preview, with its overlay', async () => {
    const {page} = suite
    await page.goto(`${suite.stack.workspaceUrl}/presentation?preview=${encodeURIComponent('/')}`)
    // The preview URL carries the perspective (`?sanity-preview-perspective=drafts`).
    const frontPage = () => page.frames().find((candidate) => candidate.url().startsWith(`${siteUrl}/?`) || candidate.url() === `${siteUrl}/`)
    const link = 'section[lang="ar"] .article-list a'
    // The title is read again until the draft shows: the frame may be reloaded meanwhile.
    await waitFor(async () => {
      const frame = frontPage()
      if (!frame || (await frame.locator(link).count().catch(() => 0)) !== 1) return false
      return (await cleanText(frame, link).catch(() => '')) === TITLE + EDIT
    })
    const {box, drawn} = await overlayOn(frontPage, link)
    expect(drawn).toEqual(box)
    await page.getByText('Documents on this page', {exact: true}).waitFor()
    await suite.browser.screenshot('front-page-draft')
  }, STEP_MS)

  it('publishes from the Studio and the reader\'s page shows it', async () => {
    const {page} = suite
    await page.goto(`${suite.stack.workspaceUrl}/presentation/article/${ARTICLE_ID}?preview=${encodeURIComponent(ARABIC_PATH)}`)
    await preview()
    await page.getByTestId('action-publish').click()
    // The article was published before: the Studio offers a correction (studio/CorrectionOnPublish.tsx).
    await page.getByRole('dialog').getByRole('button', {name: 'Publish without'}).click()
    const published = performance.now()
    const anonymous = suite.stack.lake.client({token: undefined})
    await waitFor(async () => (await anonymous.fetch('*[_id == $id][0].title', {id: ARTICLE_ID})) === TITLE + EDIT)
    // The preview's <SanityLive> hears the publish and expires the reader's cached page.
    await waitFor(async () => (await (await fetch(`${siteUrl}${ARABIC_PATH}`)).text()).includes(`<h1>${TITLE + EDIT}</h1>`))
    console.log(`publish in the Studio -> reader's page updated: ${Math.round(performance.now() - published)} ms`)
    await suite.browser.screenshot('published')
  }, STEP_MS)

  it('previews a release when the Studio looks through it, and drafts again when it leaves it', async () => {
    const {page} = suite
    const {client} = suite.stack.lake
    const current = await client().getDocument(ARTICLE_ID)
    if (!current) throw new Error(`${ARTICLE_ID} is not published`)
    const releaseTitle = `${TITLE} (إصدار)`
    await client().action({actionType: 'sanity.action.release.create', releaseId: 'rPreview', metadata: {title: 'Preview', releaseType: 'asap'}})
    await client().action({
      actionType: 'sanity.action.document.version.create',
      publishedId: ARTICLE_ID,
      document: {...current, _id: `versions.rPreview.${ARTICLE_ID}`, _type: 'article', title: releaseTitle},
    })
    const titleIs = async (title: string) => {
      const frame = articleFrame()
      return frame !== undefined && (await cleanText(frame, 'h1').catch(() => '')) === title
    }
    // The Studio's perspective is in its URL; Presentation hands it to the site (cookie + reload).
    await page.goto(`${suite.stack.workspaceUrl}/presentation?preview=${encodeURIComponent(ARABIC_PATH)}&perspective=rPreview`)
    // Presentation may reload the preview once it has set the perspective: its "Loading." veil goes first.
    const loading = page.getByText('Loading.', {exact: true})
    await waitFor(async () => (await loading.count()) === 0 && (await titleIs(releaseTitle)))
    await waitFor(async () => (await articleFrame()?.evaluate(() => document.title).catch(() => '')) === releaseTitle)
    await suite.browser.screenshot('release-in-preview')
    await page.goto(`${suite.stack.workspaceUrl}/presentation?preview=${encodeURIComponent(ARABIC_PATH)}`)
    await waitFor(() => titleIs(current.title as string))
  }, STEP_MS)
})

describe('draft mode routes', () => {
  it('refuses a wrong preview secret with 401', async () => {
    const response = await fetch(`${siteUrl}/api/draft-mode/enable?sanity-preview-secret=wrong`, {redirect: 'manual'})
    expect([response.status, await response.text(), response.headers.get('set-cookie')]).toEqual([401, 'Invalid secret', null])
  })

  it('leaves draft mode and redirects to a path on the site only', async () => {
    const back = await fetch(`${siteUrl}/api/draft-mode/disable?redirect=${encodeURIComponent(ARABIC_PATH)}`, {redirect: 'manual'})
    expect([back.status, back.headers.get('location')]).toEqual([307, `${siteUrl}${ARABIC_PATH}`])
    expect(back.headers.get('set-cookie')).toMatch(/^__prerender_bypass=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT/)
    const away = await fetch(`${siteUrl}/api/draft-mode/disable?redirect=${encodeURIComponent('//example.com/')}`, {redirect: 'manual'})
    expect(away.headers.get('location')).toBe(`${siteUrl}/`)
  })

  it('keeps the server\'s read token out of the build output (browser bundles and server files)', async () => {
    const files = readdirSync(resolve(ROOT, 'web/.next-test-presentation'), {recursive: true, withFileTypes: true}).filter((entry) => entry.isFile())
    expect(files.length).toBeGreaterThan(0)
    const leaking = files.map((entry) => resolve(entry.parentPath, entry.name)).filter((file) => readFileSync(file, 'utf8').includes(suite.stack.lake.token))
    expect(leaking).toEqual([])
  })
})
