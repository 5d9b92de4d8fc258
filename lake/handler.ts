/**
 * The lake's HTTP handler: one web-standard function from `Request` to `Response`. It checks and
 * strips the `/v<version>` prefix, answers CORS, resolves the bearer token to an identity, matches
 * the route registry and turns `LakeError`s into Content Lake error bodies. Unknown routes are 404
 * JSON, never 5xx. `serve.ts` binds it to a port; an embedded caller calls it directly.
 */
import {checkApiVersion} from './apiVersion.ts'
import {allowsOrigin, corsPolicy, DEFAULT_SITE_ORIGIN, refusedOriginMessage} from './cors.ts'
import {diskFullError, isDiskFull, LakeError} from './errors.ts'
import {checkJsonDepth} from './jsonDepth.ts'
import {matchRoute} from './matchRoute.ts'
import {readBody, requireJsonContentType} from './readBody.ts'
import {DEFAULT_STUDIO_ORIGIN, LOGIN_PATH} from './studioApi/login.ts'
import {routes as defaultRoutes} from './routes/index.ts'
import type {Identity, Lake} from './types.ts'
import type {LakeRequest, LakeResponse, Route, RouteContext} from './routeTypes.ts'

/** The Content Lake's mutation body limit, applied to every request body unless a route says otherwise. */
export const BODY_LIMIT_BYTES = 4_000_000

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS'

export interface HandlerOptions {
  lake: Lake
  auth: RouteContext['auth']
  log?: (message: string) => void
  /** Defaults to the registry in `routes/index.ts`. */
  routes?: Route[]
  bodyLimit?: number
  queryTimeoutMs?: number
  liveReplayMsPerSecond?: number
  studioLogin?: RouteContext['studioLogin']
  queryPool?: RouteContext['queryPool']
  sameUser?: RouteContext['sameUser']
  /** Default: the Studio at `http://localhost:3333` and the site at `http://localhost:3000`. */
  cors?: RouteContext['cors']
}

/** The lake as one function. A streamed body (SSE, NDJSON) ends its work when the caller cancels it. */
export type LakeHandler = (request: Request) => Promise<Response>

/** Builds the handler. */
export function createHandler(options: HandlerOptions): LakeHandler {
  const log = options.log ?? (() => {})
  const ctx: RouteContext = {
    lake: options.lake,
    auth: options.auth,
    log,
    queryTimeoutMs: options.queryTimeoutMs,
    liveReplayMsPerSecond: options.liveReplayMsPerSecond,
    queryPool: options.queryPool,
    cors: options.cors ?? corsPolicy([DEFAULT_STUDIO_ORIGIN, DEFAULT_SITE_ORIGIN]),
  }
  if (options.studioLogin) ctx.studioLogin = options.studioLogin
  if (options.sameUser) ctx.sameUser = options.sameUser
  const routes = options.routes ?? defaultRoutes
  const bodyLimit = options.bodyLimit ?? BODY_LIMIT_BYTES
  return async (request) => {
    const origin = request.headers.get('origin')
    const allowed = allowsOrigin(ctx.cors, origin, request.url)
    if (!allowed && !answersEveryPage(request)) {
      // Before any work, and without CORS headers: the page can neither read the answer nor make
      // the lake do what it asked (a simple request would otherwise run, unread).
      const body = {error: 'Forbidden', message: refusedOriginMessage(origin ?? ''), statusCode: 403}
      return toResponse({status: 403, json: body}, {})
    }
    const cors = corsHeaders(origin, allowed)
    if (request.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          ...cors,
          'Access-Control-Allow-Methods': ALLOWED_METHODS,
          'Access-Control-Allow-Headers': request.headers.get('access-control-request-headers') ?? 'authorization, content-type',
          'Access-Control-Max-Age': '600',
        },
      })
    }
    try {
      return toResponse(await handle(request, routes, ctx, bodyLimit), cors)
    } catch (thrown) {
      const error = isDiskFull(thrown) ? diskFullError() : thrown
      if (error instanceof LakeError) return toResponse({status: error.status, json: error.body}, cors)
      log(`internal error on ${request.method} ${request.url}: ${error instanceof Error ? error.stack : String(error)}`)
      return toResponse({status: 500, json: {error: 'Internal Server Error', message: 'Internal error', statusCode: 500}}, cors)
    }
  }
}

async function handle(request: Request, routes: Route[], ctx: RouteContext, bodyLimit: number): Promise<LakeResponse> {
  const url = new URL(request.url)
  const versioned = /^\/v([^/]+)(\/.*)?$/.exec(url.pathname)
  const path = versioned ? (versioned[2] ?? '/') : url.pathname
  const {method, headers} = request
  checkApiVersion(versioned?.[1] ?? null, path)
  const identity = identify(headers, ctx)
  const match = matchRoute(routes, method, path)
  if (!match) {
    ctx.log(`unknown route: ${method} ${url.pathname}`)
    throw new LakeError(404, `No route for ${method} ${path}`)
  }
  let bodyPromise: Promise<Buffer> | null = null
  const body = () => (bodyPromise ??= readBody(request, match.route.bodyLimit ?? bodyLimit))
  const req: LakeRequest = {
    method,
    path,
    apiVersion: versioned?.[1] ?? null,
    query: url.searchParams,
    headers,
    projectId: projectIdOf(url, headers),
    identity,
    params: match.params,
    body,
    json: async () => {
      if (path.startsWith('/data/')) requireJsonContentType(headers)
      return parseJson(await body())
    },
    request,
  }
  return match.route.handle(req, ctx)
}

function identify(headers: Headers, ctx: RouteContext): Identity | null {
  const header = headers.get('authorization')
  if (!header) return null
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim()
  const identity = token ? ctx.auth.identify(token) : null
  if (!identity) throw new LakeError(401, 'Unauthorized - Session not found or invalid token')
  return identity
}

function projectIdOf(url: URL, headers: Headers): string | null {
  // The label just before `.localhost`: the Studio's listener streams come from
  // `listen-<n>.<projectId>.localhost` (studio/lakeTransport.ts).
  const host = /(?:^|\.)([a-z0-9-]+)\.localhost(:\d+)?$/i.exec(url.host)
  if (host?.[1]) return host[1]
  return headers.get('x-sanity-project-id') || null
}

function parseJson(body: Buffer): unknown {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new LakeError(400, `The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  checkJsonDepth(value, 'The request body')
  return value
}

/**
 * What the origin check lets through: `GET /check/cors`, so that a refused page can learn why
 * (routes/studio.ts), and the login pages, which a person sees and which check who asks
 * themselves (studioApi/login.ts), with a page that says why.
 */
function answersEveryPage(request: Request): boolean {
  const path = new URL(request.url).pathname.replace(/^\/v[^/]+/, '')
  return (request.method === 'GET' && path === '/check/cors') || path === LOGIN_PATH
}

/** A listed page may read answers, with credentials; a refused one reads only `/check/cors`. */
function corsHeaders(origin: string | null, allowed: boolean): Record<string, string> {
  if (!origin) return {}
  if (!allowed) return {'Access-Control-Allow-Origin': origin, Vary: 'Origin'}
  return {'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin'}
}

function toResponse(response: LakeResponse, cors: Record<string, string>): Response {
  const status = response.status ?? 200
  if ('body' in response) return new Response(response.body, {status, headers: withHeaders(response.cors === false ? {} : cors, response.headers)})
  const json = 'json' in response
  // Encoded here, so its length is known: a socket sends it without chunked framing.
  const bytes = Buffer.from(json ? JSON.stringify(response.json) : response.text)
  const type = json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8'
  const headers = withHeaders({'Content-Type': type, 'Content-Length': String(bytes.byteLength), ...cors}, response.headers)
  return new Response(oneChunk(bytes), {status, headers})
}

/**
 * A body of bytes as a stream of that one chunk: a `Response` copies the bytes it is given
 * directly, a cost that grows with the body (a large query result, read back by the seed), while
 * a stream hands its chunk on as it is.
 */
function oneChunk(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

/** `base` with the route's headers over it (names compared without case). */
function withHeaders(base: Record<string, string>, route: Record<string, string> | undefined): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(base)) headers[name.toLowerCase()] = value
  for (const [name, value] of Object.entries(route ?? {})) headers[name.toLowerCase()] = value
  return headers
}
