/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents for one language's newest articles. Pure: entries
 * in, text out (the routes fetch, these only format).
 */
import type {ArticleFeedQueryResult} from '../../sanity.types.ts'
import {phrases} from './language.ts'
import {absolute, articlePath, feedPaths} from './urls.ts'

type Entry = ArticleFeedQueryResult[number]

/** What a feed says about itself. */
export interface FeedInfo {
  language: string
  title: string
  description: string
}

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;'})[char] ?? char)
}

const link = (entry: Entry) => absolute(articlePath(entry.language ?? '', entry.slug ?? ''))
const published = (entry: Entry) => entry.publishedAt ?? entry.updatedAt ?? new Date(0).toISOString()
const modified = (entry: Entry) => entry.updatedAt ?? published(entry)
const authorNames = (entry: Entry) => (entry.authors ?? []).map((author) => author.name).filter((name) => name !== null)
const newest = (entries: Entry[]) => entries.map(modified).sort().at(-1) ?? new Date(0).toISOString()

/** RSS 2.0 with an atom:link to itself. */
export function rssFeed(info: FeedInfo, entries: Entry[]): string {
  const self = absolute(feedPaths(info.language).rss)
  const items = entries.map((entry) => {
    const by = authorNames(entry)
    return [
      '<item>',
      `<title>${xmlEscape(entry.title ?? '')}</title>`,
      `<link>${xmlEscape(link(entry))}</link>`,
      `<guid isPermaLink="true">${xmlEscape(link(entry))}</guid>`,
      `<pubDate>${new Date(published(entry)).toUTCString()}</pubDate>`,
      entry.description ? `<description>${xmlEscape(entry.description)}</description>` : '',
      by.length ? `<dc:creator>${xmlEscape(by.join(', '))}</dc:creator>` : '',
      '</item>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${xmlEscape(info.title)}</title>`,
    `<link>${xmlEscape(absolute('/'))}</link>`,
    `<description>${xmlEscape(info.description)}</description>`,
    `<language>${xmlEscape(info.language)}</language>`,
    `<lastBuildDate>${new Date(newest(entries)).toUTCString()}</lastBuildDate>`,
    `<atom:link href="${xmlEscape(self)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
  ].join('\n')
}

/** Atom 1.0: every entry has an author (the publisher when no person is named). */
export function atomFeed(info: FeedInfo, entries: Entry[]): string {
  const self = absolute(feedPaths(info.language).atom)
  const items = entries.map((entry) => {
    const names = authorNames(entry)
    const authors = names.length ? names : [entry.publisher?.name ?? info.title]
    return [
      '<entry>',
      `<id>${xmlEscape(link(entry))}</id>`,
      `<title>${xmlEscape(entry.title ?? '')}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlEscape(link(entry))}"/>`,
      `<published>${published(entry)}</published>`,
      `<updated>${modified(entry)}</updated>`,
      ...authors.map((name) => `<author><name>${xmlEscape(name)}</name></author>`),
      entry.description ? `<summary>${xmlEscape(entry.description)}</summary>` : '',
      '</entry>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(info.language)}">`,
    `<id>${xmlEscape(self)}</id>`,
    `<title>${xmlEscape(info.title)}</title>`,
    `<subtitle>${xmlEscape(info.description)}</subtitle>`,
    `<updated>${newest(entries)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(absolute('/'))}"/>`,
    ...items,
    '</feed>',
  ].join('\n')
}

/** JSON Feed 1.1. */
export function jsonFeed(info: FeedInfo, entries: Entry[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: info.title,
    description: info.description,
    language: info.language,
    home_page_url: absolute('/'),
    feed_url: absolute(feedPaths(info.language).json),
    items: entries.map((entry) => ({
      id: link(entry),
      url: link(entry),
      title: entry.title ?? '',
      ...(entry.description ? {summary: entry.description, content_text: entry.description} : {content_text: ''}),
      date_published: published(entry),
      date_modified: modified(entry),
      language: entry.language ?? info.language,
      authors: authorNames(entry).map((name) => ({name})),
    })),
  })
}

/** The title and description of a language's feeds. */
export function feedInfo(language: string, siteName: string): FeedInfo {
  return {language, title: `${siteName} (${language})`, description: phrases(language).home}
}
