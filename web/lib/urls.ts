/** The site's URL scheme, in one place for pages, feeds, sitemaps and JSON-LD. */
import {siteUrl} from '../sanity/env.ts'

export const articlePath = (language: string, slug: string) => `/${encodeURIComponent(language)}/${encodeURIComponent(slug)}`
export const feedPaths = (language: string) => ({
  rss: `/${encodeURIComponent(language)}/feed.xml`,
  atom: `/${encodeURIComponent(language)}/atom.xml`,
  json: `/${encodeURIComponent(language)}/feed.json`,
})
/** An absolute URL on this site. */
export const absolute = (path: string) => `${siteUrl}${path}`

/** Metadata `alternates.types` linking a language's three feeds (Next merges metadata shallowly). */
export function feedAlternates(language: string, siteName: string) {
  const paths = feedPaths(language)
  return {
    'application/rss+xml': [{url: paths.rss, title: `${siteName} (${language}) RSS`}],
    'application/atom+xml': [{url: paths.atom, title: `${siteName} (${language}) Atom`}],
    'application/feed+json': [{url: paths.json, title: `${siteName} (${language}) JSON Feed`}],
  }
}
