/**
 * The three per-language feed routes share this: fetch the language's newest articles (cached and
 * tagged like pages) and answer in the feed's format.
 */
import {articleFeedQuery, articleIndexQuery} from '../../queries/index.ts'
import {cachedSanity} from '../sanity/live.ts'
import {atomFeed, feedInfo, jsonFeed, rssFeed} from './feeds.ts'
import {SITE_NAME} from './site.ts'

/** How many articles a feed lists. */
const FEED_LIMIT = 50

const FORMATS = {
  rss: {build: rssFeed, type: 'application/rss+xml; charset=utf-8'},
  atom: {build: atomFeed, type: 'application/atom+xml; charset=utf-8'},
  json: {build: jsonFeed, type: 'application/feed+json; charset=utf-8'},
}

/** The languages that have articles: the feeds prerendered at build time. */
export async function feedLanguages(): Promise<Array<{language: string}>> {
  const {data} = await cachedSanity({query: articleIndexQuery, perspective: 'published', stega: false})
  return [...new Set(data.map((article) => article.language ?? ''))].filter(Boolean).map((language) => ({language}))
}

/** A GET handler for one feed format. */
export function feedHandler(format: keyof typeof FORMATS) {
  return async function GET(_request: Request, {params}: {params: Promise<{language: string}>}): Promise<Response> {
    const {language} = await params
    const {data} = await cachedSanity({query: articleFeedQuery, params: {language, limit: FEED_LIMIT}, perspective: 'published', stega: false})
    const {build, type} = FORMATS[format]
    return new Response(build(feedInfo(language, SITE_NAME), data), {headers: {'content-type': type}})
  }
}
