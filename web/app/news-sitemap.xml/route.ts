import {connection} from 'next/server'
import {articleIndexQuery} from '../../../queries/index.ts'
import {SITE_NAME} from '../../lib/site.ts'
import {newsSitemap} from '../../lib/sitemaps.ts'
import {cachedSanity} from '../../sanity/live.ts'

/** The Google News sitemap: articles of the last two days, so it is computed per request. */
export async function GET(): Promise<Response> {
  await connection()
  const {data} = await cachedSanity({query: articleIndexQuery, perspective: 'published', stega: false})
  return new Response(newsSitemap(data, SITE_NAME, new Date()), {headers: {'content-type': 'application/xml; charset=utf-8'}})
}
