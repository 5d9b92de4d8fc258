/**
 * Everything the Studio tests run against: a local lake in a temp dir holding the seed article
 * (imported by the seed's own code), and a built Studio (cached by source hash) served statically
 * and pointed at that lake.
 */
import {createServer} from 'node:http'
import {resolve} from 'node:path'

import {importArticles} from '../../../seed/import/importArticles.ts'
import {buildStudio} from '../../../scripts/lib/studioBuild.ts'
import {serveStudio, type StudioServer} from '../../../scripts/lib/staticServer.ts'
import {startTestLake, type TestLake} from '../../helpers/lake.ts'

const ROOT = resolve(import.meta.dirname, '../../..')
export const SEED_ARTICLE = resolve(ROOT, 'seed/articles/000_f58be128c4b82355.txt')

export interface StudioStack {
  lake: TestLake
  studio: StudioServer
  /** The local workspace, e.g. `http://localhost:43123/local`. */
  workspaceUrl: string
  /** Import results of the seed article (its slug and language). */
  seeded: Array<{file: string; slug: string; language: string}>
  buildMs: number
  buildCached: boolean
  close(): Promise<void>
}

export interface StudioStackOptions {
  /** The reader site the Presentation tool previews (given to the served Studio at runtime). */
  previewUrl?: string
}

/** Starts the lake, imports the seed article, builds (or reuses) and serves the Studio. */
export async function startStudioStack(log: (line: string) => void, options: StudioStackOptions = {}): Promise<StudioStack> {
  // The lake's login provider logs in only the Studio origins it was started for: pick the
  // Studio's port first.
  const studioPort = await freePort()
  // The previewed site's pages use the lake too (live updates): it answers only pages it was started for.
  const lake = await startTestLake({
    log: (line) => log(`lake: ${line}`),
    studioOrigins: [`http://localhost:${studioPort}`],
    corsOrigins: options.previewUrl ? [options.previewUrl] : [],
  })
  try {
    const result = await importArticles(lake.client(), [SEED_ARTICLE], {now: () => new Date().toISOString()})
    if (result.errors.length > 0) throw new Error(`seed import failed: ${result.errors.map((e) => e.message).join('; ')}`)
    const build = await buildStudio({
      root: ROOT,
      cacheDir: resolve(ROOT, 'node_modules/.cache/studio-build'),
      log,
    })
    // The Studio reaches the lake as http://local.localhost:<port> (project id prepended).
    const port = new URL(lake.url).port
    const studio = await serveStudio({dir: build.dir, host: '127.0.0.1', port: studioPort, lakeUrl: `http://localhost:${port}`, previewUrl: options.previewUrl})
    return {
      lake,
      studio,
      workspaceUrl: `${studio.url}/local`,
      seeded: result.articles,
      buildMs: build.ms,
      buildCached: build.cached,
      async close() {
        await studio.close()
        await lake.close()
      },
    }
  } catch (error) {
    await lake.close()
    throw error
  }
}

/** A port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => done(port))
    })
  })
}
