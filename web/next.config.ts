/**
 * Next.js config of the reader site. Like scripts/, this config file is allowed to read the
 * environment: it resolves where content comes from once, and hands the site public values.
 * - Hosted: NEXT_PUBLIC_SANITY_PROJECT_ID (+ NEXT_PUBLIC_SANITY_DATASET). Published content is read
 *   anonymously; draft mode reads with SANITY_API_READ_TOKEN (a Viewer token).
 * - Local (default): the running lake found through <LAKE_DIR>/lake.json (LAKE_DIR defaults to
 *   .lake; scripts/lib/lakeFiles.ts reads these files for the scripts and here), else http://127.0.0.1:3900; project `local`. Draft mode reads with the lake's token
 *   (LAKE_TOKEN, else <LAKE_DIR>/token), as the other scripts do.
 * The read token goes to server code only, read at run time (web/sanity/token.ts; no client component
 * imports it): neither the browser nor the build output sees it. NEXT_PUBLIC_SANITY_STUDIO_URL: the Studio that stega edit links and
 * the Presentation tool point at (default: the local workspace `npm run dev` starts).
 * NEXT_PUBLIC_SITE_URL is the site's own origin for feeds, sitemaps and JSON-LD.
 * NEXT_DIST_DIR (tests): a build folder of their own instead of web/.next.
 */
import {existsSync, realpathSync} from 'node:fs'
import {dirname, resolve, sep} from 'node:path'
import type {NextConfig} from 'next'
import {lakeDir, LakeStateError, lakeToken, recordedLakeUrl} from '../scripts/lib/lakeFiles.ts'

const LOCAL_LAKE_URL = 'http://127.0.0.1:3900'
const lake = lakeDir(process.env)

/**
 * Turbopack compiles only files under its root: the repository, and also wherever its
 * node_modules really lives (a git worktree may link to another checkout's).
 */
function turbopackRoot(): string {
  const repo = resolve(import.meta.dirname, '..')
  const modules = existsSync(resolve(repo, 'node_modules')) ? realpathSync(resolve(repo, 'node_modules')) : repo
  let root = repo
  while (!(modules === root || modules.startsWith(root + sep)) && dirname(root) !== root) root = dirname(root)
  return root
}

const hosted = Boolean(process.env.NEXT_PUBLIC_SANITY_PROJECT_ID)

/**
 * The URL the running lake recorded, else the default port. A damaged lake.json stops the build or
 * server with the scripts' one line (which file, what to do), not a stack trace from the config.
 */
function localLakeUrl(): string {
  try {
    return recordedLakeUrl(lake) ?? LOCAL_LAKE_URL
  } catch (error) {
    if (!(error instanceof LakeStateError)) throw error
    console.error(`web: ${error.message}`)
    process.exit(2)
  }
}

// The read token is never inlined (it would land in the build output, which gets copied, cached
// and deployed): server code reads it at run time (web/sanity/token.ts). Locally it is the lake's,
// found when the config loads, by `next build` and again by `next start` / `next dev`.
if (!hosted && !process.env.SANITY_API_READ_TOKEN) {
  const token = lakeToken(lake, process.env)
  if (token) process.env.SANITY_API_READ_TOKEN = token
}

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
    NEXT_PUBLIC_SANITY_STUDIO_URL: (process.env.NEXT_PUBLIC_SANITY_STUDIO_URL || 'http://localhost:3333/local').replace(/\/$/, ''),
  },
  turbopack: {root: turbopackRoot()},
}

export default nextConfig
