/**
 * Next.js config of the reader site. Like scripts/, this config file is allowed to read the
 * environment: it resolves where content comes from once, and hands the site public values.
 * - Hosted: NEXT_PUBLIC_SANITY_PROJECT_ID (+ NEXT_PUBLIC_SANITY_DATASET). The site reads published
 *   content only, anonymously (no draft mode yet), so it needs no token.
 * - Local (default): the running lake found through <LAKE_DIR>/lake.json (LAKE_DIR defaults to
 *   .lake), else http://127.0.0.1:3900; project `local`.
 * NEXT_PUBLIC_SITE_URL is the site's own origin for feeds, sitemaps and JSON-LD.
 * NEXT_DIST_DIR (tests): a build folder of their own instead of web/.next.
 */
import {existsSync, readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import type {NextConfig} from 'next'

const LOCAL_LAKE_URL = 'http://127.0.0.1:3900'

function localLakeUrl(): string {
  const file = resolve(process.env.LAKE_DIR || '.lake', 'lake.json')
  if (!existsSync(file)) return LOCAL_LAKE_URL
  try {
    const url: unknown = JSON.parse(readFileSync(file, 'utf8')).url
    return typeof url === 'string' ? url : LOCAL_LAKE_URL
  } catch {
    return LOCAL_LAKE_URL
  }
}

const hosted = Boolean(process.env.NEXT_PUBLIC_SANITY_PROJECT_ID)

const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
  poweredByHeader: false,
  distDir: process.env.NEXT_DIST_DIR || '.next',
  env: {
    NEXT_PUBLIC_SANITY_PROJECT_ID: process.env.NEXT_PUBLIC_SANITY_PROJECT_ID || 'local',
    NEXT_PUBLIC_SANITY_DATASET: process.env.NEXT_PUBLIC_SANITY_DATASET || 'production',
    // Empty for a hosted project: the client then uses api.sanity.io.
    NEXT_PUBLIC_SANITY_API_HOST: hosted ? '' : localLakeUrl(),
    NEXT_PUBLIC_SITE_URL: (process.env.NEXT_PUBLIC_SITE_URL || 'http://localhost:3000').replace(/\/$/, ''),
  },
  turbopack: {root: resolve(import.meta.dirname, '..')},
}

export default nextConfig
