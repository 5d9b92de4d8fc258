import {articleIndexQuery} from '../../../queries/index.ts'
import {sitemap} from '../../lib/sitemaps.ts'
import {cachedSanity} from '../../sanity/live.ts'

/** sitemap.xml: the front page and every article. */
export async function GET(): Promise<Response> {
  const {data} = await cachedSanity({query: articleIndexQuery, perspective: 'published', stega: false})
  return new Response(sitemap(data), {headers: {'content-type': 'application/xml; charset=utf-8'}})
}
