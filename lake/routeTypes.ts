/**
 * The contracts of the lake's HTTP side: what a route receives (`LakeRequest`, `RouteContext`)
 * and answers (`LakeResponse`). handler.ts makes them from a web-standard `Request` and turns
 * the answer into a `Response`; the routes (`routes/`, `actions/`, `studioApi/`) are written
 * against them and the contracts in types.ts only.
 */
import type {Identity, Lake, QueryRunner} from './types.ts'

/** A request as a route sees it: version prefix stripped, identity resolved from the token. */
export interface LakeRequest {
  method: string
  /** Path without the `/v<version>` prefix and without the query string, e.g. `/data/query/production`. */
  path: string
  /** `2025-02-19`, `1`, `X`, or null when the URL had no version prefix. */
  apiVersion: string | null
  query: URLSearchParams
  headers: Headers
  /** From the `<projectId>.localhost` host or the `X-Sanity-Project-ID` header. */
  projectId: string | null
  /** null for anonymous requests. A wrong token never reaches a route (401). */
  identity: Identity | null
  /** Route parameters from the pattern, e.g. `{dataset: 'production'}`. */
  params: Record<string, string>
  /** The request body, limited to the lake's body limit (413 beyond). */
  body(): Promise<Buffer>
  /** The body parsed as JSON (400 with a Content Lake error body when it is not JSON). */
  json(): Promise<unknown>
  /** The web-standard request the handler was called with (URL as sent, version prefix included). */
  request: Request
}

/**
 * A JSON answer, a text answer, or a body as it is: a stream (SSE, NDJSON), an HTML page, or none.
 * The handler adds CORS headers to each, except to a body marked `cors: false` (pages no other
 * origin may read).
 */
export type LakeResponse =
  | {status?: number; headers?: Record<string, string>; json: unknown}
  | {status?: number; headers?: Record<string, string>; text: string}
  | {status?: number; headers?: Record<string, string>; body: ReadableStream<Uint8Array> | string | null; cors?: false}

export interface RouteContext {
  lake: Lake
  log: (message: string) => void
  auth: {
    /** The local editor's token (generated on first start, or `LAKE_TOKEN`). */
    devToken: string
    /** The identity a bearer token stands for, or null when the token is unknown. */
    identify(token: string): Identity | null
  }
  /** Time budget of one query in ms (the query module's default when absent). */
  queryTimeoutMs?: number
  /** Main-thread milliseconds per second that live-event replays may take (default LIVE_REPLAY_MS_PER_SECOND). */
  liveReplayMsPerSecond?: number
  /** Who may use the local login provider (`studioApi/login.ts`); absent: `http://localhost:3333` only. */
  studioLogin?: StudioLoginPolicy
  /**
   * Whether the client of `request` runs as the lake's operating-system user (peerUser.ts): true,
   * false, or null when unknown. Absent when the handler is called in process (no connection).
   */
  sameUser?: (request: Request) => boolean | null
  /** Query worker threads (queryPool.ts); without them queries run on the main thread (tests of routes). */
  queryPool?: QueryRunner
  /** Which pages may use the lake from a browser (`cors.ts`); the handler refuses the others. */
  cors: CorsPolicy
}

/** The lake's CORS origins (`cors.ts` `corsPolicy`). */
export interface CorsPolicy {
  /** Whether a page on this origin (an `Origin` header) is listed. */
  allows(origin: string): boolean
}

/** Who may log in through the local login provider. */
export interface StudioLoginPolicy {
  /** URL origins (`http://localhost:3333`) that may receive a session id. */
  origins: string[]
  /** Why the provider is off (the lake is bound to a non-loopback address), or null when on. */
  off: string | null
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** `/data/query/:dataset`, `/users/me`, `/data/history/:dataset/documents/:ids`, `/journey/*`. */
  pattern: string
  /** Request body limit in bytes for this route; the handler's (4 MB) when absent. */
  bodyLimit?: number
  handle(req: LakeRequest, ctx: RouteContext): Promise<LakeResponse> | LakeResponse
}
