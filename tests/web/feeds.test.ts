/**
 * The site's pure formatters with hostile text: titles with markup characters stay well-formed XML,
 * and JSON-LD cannot close its <script> element. (tests/web/site.test.ts covers them end to end.)
 */
import {describe, expect, it} from 'vitest'

import {atomFeed, jsonFeed, rssFeed, xmlEscape} from '../../web/lib/feeds.ts'
import {jsonLdScript} from '../../web/lib/jsonLd.ts'
import {newsSitemap} from '../../web/lib/sitemaps.ts'

const entry = {
  _id: 'article-en-a',
  title: 'Tom & Jerry <b>"quoted"</b>',
  slug: 'tom-and-jerry',
  language: 'en' as const,
  description: 'x < y & z',
  translation: null,
  publishedAt: '2026-01-01T10:00:00.000Z',
  updatedAt: null,
  authors: [{_id: 'person-a', name: "O'Brien", slug: 'obrien'}],
  publisher: null,
}
const info = {language: 'en', title: 'Site & Co', description: 'All <articles>'}

describe('feed formatters', () => {
  it('escapes the five XML special characters', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;')
  })

  it('writes RSS and Atom whose text nodes carry the escaped title, summary and author', () => {
    const rss = rssFeed(info, [entry])
    expect(rss).toContain('<title>Tom &amp; Jerry &lt;b&gt;&quot;quoted&quot;&lt;/b&gt;</title>')
    expect(rss).toContain('<description>x &lt; y &amp; z</description>')
    expect(rss).toContain('<dc:creator>O&apos;Brien</dc:creator>')
    expect(rss).toContain('<pubDate>Thu, 01 Jan 2026 10:00:00 GMT</pubDate>')
    const atom = atomFeed(info, [entry])
    expect(atom).toContain('<title>Site &amp; Co</title>')
    expect(atom).toContain('<updated>2026-01-01T10:00:00.000Z</updated>')
    expect(atom).toContain('<author><name>O&apos;Brien</name></author>')
  })

  it('names the publisher as the Atom author when no person is named, and the feed when there is none', () => {
    const atom = atomFeed(info, [{...entry, authors: [], publisher: {_id: 'publisher-f', name: 'Forbes', url: null}}, {...entry, _id: 'b', authors: null}])
    expect(atom.match(/<author><name>[^<]*<\/name><\/author>/g)).toEqual([
      '<author><name>Forbes</name></author>',
      '<author><name>Site &amp; Co</name></author>',
    ])
  })

  it('writes JSON Feed text as plain JSON strings', () => {
    expect(JSON.parse(jsonFeed(info, [entry])).items[0]).toMatchObject({title: 'Tom & Jerry <b>"quoted"</b>', authors: [{name: "O'Brien"}]})
  })

  it('lists in the news sitemap only articles of the two days before now', () => {
    const now = new Date('2026-01-02T12:00:00.000Z')
    const old = {...entry, _id: 'old', slug: 'old', publishedAt: '2025-12-30T00:00:00.000Z'}
    const xml = newsSitemap([entry, old], 'Site & Co', now)
    expect(xml.match(/<loc>[^<]*<\/loc>/g)).toEqual(['<loc>http://localhost:3000/en/tom-and-jerry</loc>'])
    expect(xml).toContain('<news:name>Site &amp; Co</news:name>')
  })
})

describe('JSON-LD', () => {
  it('cannot close its script element', () => {
    const text = jsonLdScript({headline: '</script><script>alert(1)</script>'})
    expect(text).toBe('{"headline":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}')
    expect(JSON.parse(text)).toEqual({headline: '</script><script>alert(1)</script>'})
  })
})
