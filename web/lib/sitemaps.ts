/**
 * sitemap.xml and a Google News sitemap. Pure: articles in, XML out. The news sitemap lists the
 * articles of the last two days (Google News reads no older ones), each with its publication.
 */
import type {ArticleIndexQueryResult} from '../../sanity.types.ts'
import {xmlEscape} from './feeds.ts'
import {absolute, articlePath} from './urls.ts'

type Article = ArticleIndexQueryResult[number]

const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000

const loc = (article: Article) => absolute(articlePath(article.language ?? '', article.slug ?? ''))

/** sitemap.xml: the front page and every article, with its last modification. */
export function sitemap(articles: Article[]): string {
  const urls = articles.map((article) => {
    const lastmod = article.updatedAt ?? article.publishedAt
    return `<url><loc>${xmlEscape(loc(article))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    `<url><loc>${xmlEscape(absolute('/'))}</loc></url>`,
    ...urls,
    '</urlset>',
  ].join('\n')
}

/** The Google News sitemap of the articles published within two days before `now`. */
export function newsSitemap(articles: Article[], publicationName: string, now: Date): string {
  const recent = articles.filter((article) => article.publishedAt && now.getTime() - Date.parse(article.publishedAt) <= NEWS_WINDOW_MS)
  const urls = recent.map((article) =>
    [
      '<url>',
      `<loc>${xmlEscape(loc(article))}</loc>`,
      '<news:news>',
      `<news:publication><news:name>${xmlEscape(publicationName)}</news:name><news:language>${xmlEscape(article.language ?? '')}</news:language></news:publication>`,
      `<news:publication_date>${article.publishedAt}</news:publication_date>`,
      `<news:title>${xmlEscape(article.title ?? '')}</news:title>`,
      '</news:news>',
      '</url>',
    ].join(''),
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
  ].join('\n')
}
