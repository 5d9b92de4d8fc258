/**
 * The local Content Lake as one function, without a port: the store, the dev token, the query
 * workers, the scheduler and the handler (`Request → Response`). `serve.ts` binds it to a port;
 * a process that only needs the lake for itself (the seed's embedded lake) calls the handler.
 */
import {createAuth, loadDevToken} from './auth.ts'
import {corsPolicy, DEFAULT_SITE_ORIGIN} from './cors.ts'
import {createHandler, type LakeHandler} from './handler.ts'
import {QueryPool, type QueryPoolOptions} from './queryPool.ts'
import {startScheduler, type Scheduler} from './scheduler.ts'
import {openLake, type LocalLake} from './store.ts'
import {studioLoginPolicy} from './studioApi/login.ts'
import type {RouteContext, StudioLoginPolicy} from './routeTypes.ts'

export interface LocalLakeOptions {
  /** Data directory (one SQLite file per dataset, the token, lake.json). */
  dir: string
  /** The address it will be reached at: the local login provider is off on a non-loopback one. */
  host?: string
  /** Dev token; read from / generated into `<dir>/token` when absent. */
  token?: string
  log?: (message: string) => void
  queryTimeoutMs?: number
  /** Main-thread milliseconds per second for live-event replays (tests set 0). */
  liveReplayMsPerSecond?: number
  /**
   * Datasets made at start when missing (default: `production`, the Studio's): reads never create
   * a dataset, and the Studio listens to its dataset before anything is written.
   */
  datasets?: string[]
  /**
   * Studio origins the local login provider may log in (default `http://localhost:3333`). On a
   * non-loopback `host` the provider is off whatever this says.
   */
  studioOrigins?: string[]
  /**
   * Other pages that may use the lake from a browser, besides those Studios: the reader site's
   * live updates and previews (default `http://localhost:3000`; `*` for every page).
   */
  corsOrigins?: string[]
  /** Query worker threads: how many, heap limit per query, anonymous queue. */
  queryPool?: QueryPoolOptions
  /**
   * Whether a request's connection belongs to the lake's own user: the login provider logs in no
   * one else. serve.ts answers it from the connection (peerUser.ts) unless given.
   */
  sameUser?: RouteContext['sameUser']
}

/** The dataset a new lake starts with, as a new hosted project does. */
export const DEFAULT_DATASET = 'production'

export interface LocalLakeHandler {
  handler: LakeHandler
  token: string
  lake: LocalLake
  auth: RouteContext['auth']
  studioLogin: StudioLoginPolicy
  /**
   * Starts the scheduler: scheduled releases publish at their time, and those that came due while
   * the lake was stopped now. Separate from opening, so that a lake that fails to bind its port
   * publishes nothing.
   */
  startScheduler(): void
  /** Stops the scheduler and the query workers, then closes the store. */
  close(): Promise<void>
}

/**
 * Opens the lake in `dir` (making its start datasets).
 * @throws when a Studio or CORS origin is not an http(s) URL, or a dataset name is invalid.
 */
export function openLocalLake(options: LocalLakeOptions): LocalLakeHandler {
  const studioLogin = studioLoginPolicy(options.host ?? '127.0.0.1', options.studioOrigins)
  const cors = corsPolicy([...studioLogin.origins, ...(options.corsOrigins ?? [DEFAULT_SITE_ORIGIN])])
  if (studioLogin.off !== null) options.log?.(studioLogin.off)
  const lake = openLake({dir: options.dir})
  for (const name of options.datasets ?? [DEFAULT_DATASET]) lake.dataset(name, {create: true})
  const token = loadDevToken(options.dir, options.token)
  const auth = createAuth(token)
  const queryPool = new QueryPool(options.queryPool)
  const handler = createHandler({lake, auth, log: options.log, queryTimeoutMs: options.queryTimeoutMs, liveReplayMsPerSecond: options.liveReplayMsPerSecond, studioLogin, queryPool, cors, sameUser: options.sameUser})
  let scheduler: Scheduler | null = null
  let closing: Promise<void> | null = null
  return {
    handler,
    token,
    lake,
    auth,
    studioLogin,
    startScheduler() {
      scheduler ??= startScheduler({lake, log: options.log ?? ((message) => console.error(`[lake] ${message}`))})
    },
    close() {
      scheduler?.close()
      closing ??= queryPool.close().then(() => lake.close())
      return closing
    },
  }
}
