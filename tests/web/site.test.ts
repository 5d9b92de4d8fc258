/**
 * The reader site end to end: web/ built with `next build` (offline) against a test lake seeded
 * with the seed article plus a fresh English article, served by `next start`, read by the packaged
 * Chromium (DOM, JSON-LD, feeds parsed by its DOMParser) and updated live by a publish through
 * @sanity/client. Screenshots in test-results/web/.
 */
import {resolve} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {launchStudioBrowser, type StudioBrowser} from '../e2e/helpers/browser.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'
import {freePort, run, startSite, type RunningSite} from '../../scripts/lib/nextSite.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const SLUG = 'north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
const ARABIC_PATH = `/ar/${SLUG}`
const ENGLISH_PATH = '/en/fresh-explainer'
const NOW = new Date()
const PUBLISHED = new Date(NOW.getTime() - 60 * 60 * 1000).toISOString()
const UPDATED = new Date(NOW.getTime() - 10 * 60 * 1000).toISOString()

let lake: TestLake
let site: RunningSite
let browser: StudioBrowser

const block = (key: string, text: string) => ({
  _type: 'block',
  _key: key,
  style: 'normal',
  markDefs: [],
  children: [{_type: 'span', _key: `${key}-s`, text, marks: []}],
})

const freshArticle = {
  _id: 'article-en-fresh-explainer',
  _type: 'article',
  title: 'A Fresh Explainer',
  slug: {_type: 'slug', current: 'fresh-explainer'},
  language: 'en',
  description: 'Why this matters now.',
  sections: [
    {_type: 'articleSection', _key: 's1', kind: 'topline', heading: 'Topline', body: [block('b1', 'The lead sentence.')]},
    {_type: 'articleSection', _key: 's2', kind: 'keyFacts', heading: 'Key Facts', body: [block('b2', 'Fact one.'), block('b3', 'Fact two.')]},
    {
      _type: 'articleSection',
      _key: 's3',
      kind: 'bigNumber',
      heading: 'Big Number',
      body: [{_type: 'bigNumber', _key: 'n1', value: 1200000000, display: '$1.2 billion', unit: 'USD', scale: 'billion', caption: 'The cost so far.'}],
    },
    {_type: 'articleSection', _key: 's4', kind: 'crucialQuote', heading: 'Crucial Quote', body: [block('b4', '“We will not stop.”')]},
    {_type: 'articleSection', _key: 's5', kind: 'furtherReading', heading: 'Further Reading', body: [block('b5', 'A source (Forbes)')]},
  ],
  originalSource: {_type: 'reference', _ref: 'source-d8f3062b5912371f'},
  furtherReading: [{_type: 'reference', _key: 'fr1', _ref: 'source-d8f3062b5912371f'}],
  authors: [{_type: 'reference', _key: 'a1', _ref: 'person-roberthart'}],
  publisher: {_type: 'reference', _ref: 'publisher-forbes'},
  translation: {_type: 'translation', isTranslation: false, method: 'unknown'},
  publishedAt: PUBLISHED,
  updatedAt: UPDATED,
  corrections: [{_type: 'correction', _key: 'c1', date: '2026-01-02', kind: 'correction', text: 'An earlier version misstated the cost.'}],
}

beforeAll(async () => {
  // The site's pages subscribe to the lake's live events: the lake answers only the pages it was started for.
  const port = await freePort()
  lake = await startTestLake({corsOrigins: [`http://localhost:${port}`]})
  const seeded = await run(resolve(ROOT, 'node_modules/.bin/node'), ['scripts/seed.ts'], {...process.env, LAKE_DIR: lake.dir}, 120_000)
  expect(seeded).toContain(`target: ${lake.url} dataset production`)
  await lake.client().create(freshArticle)
  site = await startSite(lake.dir, '.next-test-site', {port})
  browser = await launchStudioBrowser({screenshotDir: resolve(ROOT, 'test-results/web')})
}, 400_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await lake?.close()
})

/** Parses XML in the browser; throws with the parser's message when it is not well-formed. */
async function parseXml<T>(path: string, read: string): Promise<T> {
  const text = await (await fetch(`${site.url}${path}`)).text()
  return browser.page.evaluate(
    ({text, read}) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml')
      const error = doc.querySelector('parsererror')
      if (error) throw new Error(`not well-formed: ${error.textContent}`)
      return new Function('doc', read)(doc)
    },
    {text, read},
  )
}

describe('article pages', () => {
  it('renders the Arabic article right to left, sections by kind in order, with its callout, notice and links', async () => {
    const {page} = browser
    await page.goto(`${site.url}${ARABIC_PATH}`)
    const dom = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      h1: document.querySelector('h1')?.textContent,
      kinds: [...document.querySelectorAll<HTMLElement>('section[data-kind]')].map((section) => section.dataset.kind),
      lead: document.querySelector('section[data-kind="topline"] .lead p')?.textContent,
      keyFacts: document.querySelectorAll('section[data-kind="keyFacts"] ul.key-facts > li').length,
      display: document.querySelector('.big-number .big-number-display')?.textContent,
      caption: document.querySelector('.big-number figcaption')?.textContent,
      notice: document.querySelector('.translation-notice')?.textContent,
      source: document.querySelector<HTMLAnchorElement>('.original-source a')?.href,
      furtherReading: [...document.querySelectorAll('.further-reading li')].map((item) => item.textContent),
      byline: document.querySelector('.byline')?.textContent,
      feeds: [...document.querySelectorAll<HTMLLinkElement>('head link[rel="alternate"]')].map((link) => [link.type, new URL(link.href).pathname]),
    }))
    await browser.screenshot('arabic-article')
    expect(dom).toEqual({
      lang: 'ar',
      dir: 'rtl',
      h1: 'كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية',
      kinds: ['topline', 'keyFacts', 'keyBackground', 'bigNumber', 'furtherReading'],
      lead: expect.stringMatching(/^نفت كوريا الشمالية يوم الخميس تزويد روسيا بأسلحة/),
      keyFacts: 4,
      display: '3',
      caption: expect.stringMatching(/^هذا هو عدد البلدان الاعتراف استقلال/),
      notice: 'تُرجمت هذه المقالة آليًا من الإنجليزية، وقد تحتوي الترجمة على أخطاء.',
      source: `https://www.forbes.com/sites/roberthart/2022/09/22/${SLUG}/`,
      furtherReading: ['المخابرات الأمريكية تظهر أن روسيا تشتري أسلحة من كوريا الشمالية (Forbes)'],
      byline: 'بقلم roberthart · Forbes',
      feeds: [
        ['application/rss+xml', '/ar/feed.xml'],
        ['application/atom+xml', '/ar/atom.xml'],
        ['application/feed+json', '/ar/feed.json'],
      ],
    })
  })

  it('renders an English article left to right with Key Facts, a Crucial Quote, corrections and the updated time', async () => {
    const {page} = browser
    await page.goto(`${site.url}${ENGLISH_PATH}`)
    const dom = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      kinds: [...document.querySelectorAll<HTMLElement>('section[data-kind]')].map((section) => section.dataset.kind),
      keyFacts: [...document.querySelectorAll('ul.key-facts > li')].map((item) => item.textContent),
      display: document.querySelector('.big-number-display')?.textContent,
      quote: document.querySelector('section[data-kind="crucialQuote"] blockquote')?.textContent,
      notice: document.querySelector('.translation-notice'),
      updated: document.querySelector('.dates .updated time')?.getAttribute('datetime'),
      corrections: [...document.querySelectorAll('.corrections li')].map((item) => item.textContent),
      furtherReading: [...document.querySelectorAll<HTMLAnchorElement>('.further-reading a')].map((link) => link.href),
    }))
    await browser.screenshot('english-article')
    expect(dom).toEqual({
      lang: 'en',
      dir: 'ltr',
      kinds: ['topline', 'keyFacts', 'bigNumber', 'crucialQuote', 'furtherReading'],
      keyFacts: ['Fact one.', 'Fact two.'],
      display: '$1.2 billion',
      quote: '“We will not stop.”',
      notice: null,
      updated: UPDATED,
      corrections: ['Correction January 2, 2026: An earlier version misstated the cost.'],
      furtherReading: [`https://www.forbes.com/sites/roberthart/2022/09/22/${SLUG}/`],
    })
  })

  it('embeds NewsArticle JSON-LD with the translation, citations and corrections', async () => {
    await browser.page.goto(`${site.url}${ARABIC_PATH}`)
    const scripts = await browser.page.$$eval('script[type="application/ld+json"]', (nodes) => nodes.map((node) => node.textContent ?? ''))
    expect(scripts).toHaveLength(1)
    const data = JSON.parse(scripts[0]!)
    const url = `${site.url}${ARABIC_PATH}`
    const original = {
      '@type': 'CreativeWork',
      name: 'North Korea Denies Selling Weapons To Moscow As Russias Isolation Grows',
      url: `https://www.forbes.com/sites/roberthart/2022/09/22/${SLUG}/`,
      inLanguage: 'en',
      publisher: {'@type': 'Organization', name: 'Forbes'},
    }
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      url,
      headline: 'كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية',
      inLanguage: 'ar',
      datePublished: '2022-09-22T00:00:00.000Z',
      dateModified: '2022-09-22T00:00:00.000Z',
      author: [{'@type': 'Person', name: 'roberthart'}],
      publisher: {'@type': 'Organization', name: 'Forbes', url: 'https://www.forbes.com'},
      isBasedOn: original,
      translationOfWork: original,
      citation: [{'@type': 'CreativeWork', name: 'المخابرات الأمريكية تظهر أن روسيا تشتري أسلحة من كوريا الشمالية', inLanguage: 'ar'}],
      correction: [],
    })
    await browser.page.goto(`${site.url}${ENGLISH_PATH}`)
    const english = JSON.parse((await browser.page.$eval('script[type="application/ld+json"]', (node) => node.textContent)) ?? '')
    expect(english.correction).toEqual([{'@type': 'CorrectionComment', text: 'An earlier version misstated the cost.', datePublished: '2026-01-02'}])
    expect(english).not.toHaveProperty('translationOfWork')
    expect(english.dateModified).toBe(UPDATED)
  })
})

describe('front page, feeds and sitemaps', () => {
  it('lists articles by language, each linking its page', async () => {
    await browser.page.goto(site.url)
    const groups = await browser.page.$$eval('section.language-group', (sections) =>
      sections.map((section) => [section.getAttribute('lang'), section.getAttribute('dir'), [...section.querySelectorAll('.article-list a')].map((link) => link.getAttribute('href'))]),
    )
    await browser.screenshot('front-page')
    expect(groups).toEqual([
      ['en', 'ltr', [ENGLISH_PATH]],
      ['ar', 'rtl', [ARABIC_PATH]],
    ])
  })

  it('serves a well-formed RSS 2.0 feed per language with the required fields', async () => {
    const rss = await parseXml<Record<string, unknown>>(
      '/ar/feed.xml',
      `const channel = doc.querySelector('rss > channel')
       const item = channel.querySelector('item')
       return {version: doc.documentElement.getAttribute('version'), title: channel.querySelector(':scope > title').textContent,
         link: channel.querySelector(':scope > link').textContent, description: channel.querySelector(':scope > description').textContent,
         language: channel.querySelector(':scope > language').textContent, items: channel.querySelectorAll('item').length,
         itemTitle: item.querySelector('title').textContent, itemLink: item.querySelector('link').textContent,
         guid: item.querySelector('guid').textContent, pubDate: item.querySelector('pubDate').textContent}`,
    )
    expect(rss).toEqual({
      version: '2.0',
      title: 'News Explainers (ar)',
      link: `${site.url}/`,
      description: 'كل المقالات',
      language: 'ar',
      items: 1,
      itemTitle: 'كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية',
      itemLink: `${site.url}${ARABIC_PATH}`,
      guid: `${site.url}${ARABIC_PATH}`,
      pubDate: 'Thu, 22 Sep 2022 00:00:00 GMT',
    })
  })

  it('serves a well-formed Atom feed whose entries have id, title, updated, author and link', async () => {
    const atom = await parseXml<Record<string, unknown>>(
      '/en/atom.xml',
      `const feed = doc.documentElement
       const entry = feed.getElementsByTagName('entry')[0]
       const text = (node, name) => node.getElementsByTagName(name)[0].textContent
       return {ns: feed.namespaceURI, id: text(feed, 'id'), updated: text(feed, 'updated'), entries: feed.getElementsByTagName('entry').length,
         entryId: text(entry, 'id'), title: text(entry, 'title'), entryUpdated: text(entry, 'updated'),
         author: text(entry.getElementsByTagName('author')[0], 'name'), link: entry.getElementsByTagName('link')[0].getAttribute('href')}`,
    )
    expect(atom).toEqual({
      ns: 'http://www.w3.org/2005/Atom',
      id: `${site.url}/en/atom.xml`,
      updated: UPDATED,
      entries: 1,
      entryId: `${site.url}${ENGLISH_PATH}`,
      title: 'A Fresh Explainer',
      entryUpdated: UPDATED,
      author: 'roberthart',
      link: `${site.url}${ENGLISH_PATH}`,
    })
  })

  it('serves a JSON Feed 1.1 with the required fields', async () => {
    const response = await fetch(`${site.url}/en/feed.json`)
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
    expect(await response.json()).toEqual({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'News Explainers (en)',
      description: 'All articles',
      language: 'en',
      home_page_url: `${site.url}/`,
      feed_url: `${site.url}/en/feed.json`,
      items: [
        {
          id: `${site.url}${ENGLISH_PATH}`,
          url: `${site.url}${ENGLISH_PATH}`,
          title: 'A Fresh Explainer',
          summary: 'Why this matters now.',
          content_text: 'Why this matters now.',
          date_published: PUBLISHED,
          date_modified: UPDATED,
          language: 'en',
          authors: [{name: 'roberthart'}],
        },
      ],
    })
  })

  it('serves sitemap.xml with every article and a Google News sitemap with the recent one only', async () => {
    const urls = await parseXml<string[]>('/sitemap.xml', `return [...doc.getElementsByTagName('loc')].map((loc) => loc.textContent)`)
    expect(urls).toEqual([`${site.url}/`, `${site.url}${ENGLISH_PATH}`, `${site.url}${ARABIC_PATH}`])
    const news = await parseXml<string[][]>(
      '/news-sitemap.xml',
      `const NS = 'http://www.google.com/schemas/sitemap-news/0.9'
       return [...doc.getElementsByTagName('url')].map((url) => [url.getElementsByTagName('loc')[0].textContent,
         url.getElementsByTagNameNS(NS, 'name')[0].textContent, url.getElementsByTagNameNS(NS, 'language')[0].textContent,
         url.getElementsByTagNameNS(NS, 'publication_date')[0].textContent, url.getElementsByTagNameNS(NS, 'title')[0].textContent])`,
    )
    expect(news).toEqual([[`${site.url}${ENGLISH_PATH}`, 'News Explainers', 'en', PUBLISHED, 'A Fresh Explainer']])
  })
})

describe('live', () => {
  it('shows a publish through @sanity/client on the open page without a reload', async () => {
    const {page} = browser
    // <SanityLive> connects after hydration; a publish before that is (rightly) not replayed to it.
    // Leave the previous page first: its own <SanityLive> may announce itself late and be taken for this one's.
    await page.goto('about:blank')
    const connected = page.waitForEvent('console', (message) => message.text().startsWith('<SanityLive> is connected'))
    await page.goto(`${site.url}${ENGLISH_PATH}`)
    await connected
    await page.evaluate(() => Object.assign(window, {keptAcrossUpdate: true}))
    const started = performance.now()
    await lake.client().patch(freshArticle._id).set({title: 'A Fresh Explainer, Updated'}).commit()
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'A Fresh Explainer, Updated', undefined, {timeout: 30_000})
    const latency = Math.round(performance.now() - started)
    await browser.screenshot('live-update')
    // The same document: the page was updated in place, not reloaded.
    expect(await page.evaluate(() => (window as unknown as {keptAcrossUpdate?: boolean}).keptAcrossUpdate)).toBe(true)
    console.log(`publish -> page updated: ${latency} ms`)
  })
})
