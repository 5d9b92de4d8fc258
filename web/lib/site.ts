/** The site's name, as feeds, the news sitemap and page titles print it. */
export const SITE_NAME = 'News Explainers'
