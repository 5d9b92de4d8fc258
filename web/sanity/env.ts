/**
 * The site's public configuration, resolved by next.config.ts (the one place that reads the
 * environment) and inlined into the build.
 */

/** Project, dataset and API host the site reads from (API host empty: hosted api.sanity.io). */
export const sanityEnv = {
  projectId: process.env.NEXT_PUBLIC_SANITY_PROJECT_ID || 'local',
  dataset: process.env.NEXT_PUBLIC_SANITY_DATASET || 'production',
  apiHost: process.env.NEXT_PUBLIC_SANITY_API_HOST || '',
  apiVersion: '2025-02-19',
}

/** The site's origin, without a trailing slash, for absolute URLs in feeds, sitemaps and JSON-LD. */
export const siteUrl = process.env.NEXT_PUBLIC_SITE_URL || 'http://localhost:3000'

/** The Studio workspace stega edit links open (the Presentation tool resolves clicks itself). */
export const studioUrl = process.env.NEXT_PUBLIC_SANITY_STUDIO_URL || 'http://localhost:3333/local'
