/**
 * The lake's HTTP handler: a plain `(req, res)` function. It checks and strips the `/v<version>` prefix,
 * answers CORS, resolves the bearer token to an identity, matches the route registry and turns
 * `LakeError`s into Content Lake error bodies. Unknown routes are 404 JSON, never 5xx.
 */
import type {IncomingMessage, ServerResponse} from 'node:http'
import {checkApiVersion} from './apiVersion.ts'
import {diskFullError, isDiskFull, LakeError} from './errors.ts'
import {checkJsonDepth} from './jsonDepth.ts'
import {matchRoute} from './matchRoute.ts'
import {readBody, requireJsonContentType} from './readBody.ts'
import {routes as defaultRoutes} from './routes/index.ts'
import type {Identity, Lake, LakeRequest, LakeResponse, Route, RouteContext} from './types.ts'

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
  studioLogin?: RouteContext['studioLogin']
  queryPool?: RouteContext['queryPool']
}

export type LakeHandler = (req: IncomingMessage, res: ServerResponse) => void

/** Builds the handler. */
export function createHandler(options: HandlerOptions): LakeHandler {
  const log = options.log ?? (() => {})
  const ctx: RouteContext = {
    lake: options.lake,
    auth: options.auth,
    log,
    queryTimeoutMs: options.queryTimeoutMs,
    queryPool: options.queryPool,
  }
  if (options.studioLogin) ctx.studioLogin = options.studioLogin
  const routes = options.routes ?? defaultRoutes
  return (req, res) => {
    setCors(req, res)
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
        'Access-Control-Max-Age': '600',
      })
      res.end()
      return
    }
    handle(req, res, routes, ctx, options.bodyLimit ?? BODY_LIMIT_BYTES).catch((error: unknown) => {
      log(`internal error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`)
      if (!res.headersSent) sendJson(res, 500, {error: 'Internal Server Error', message: 'Internal error', statusCode: 500})
      else res.destroy()
    })
  }
}

async function handle(
  raw: IncomingMessage,
  res: ServerResponse,
  routes: Route[],
  ctx: RouteContext,
  bodyLimit: number,
): Promise<void> {
  const url = new URL(raw.url ?? '/', 'http://localhost')
  const versioned = /^\/v([^/]+)(\/.*)?$/.exec(url.pathname)
  const path = versioned ? (versioned[2] ?? '/') : url.pathname
  const method = raw.method ?? 'GET'
  try {
    checkApiVersion(versioned?.[1] ?? null, path)
    const identity = identify(raw, ctx)
    const match = matchRoute(routes, method, path)
    if (!match) {
      ctx.log(`unknown route: ${method} ${url.pathname}`)
      throw new LakeError(404, `No route for ${method} ${path}`)
    }
    let bodyPromise: Promise<Buffer> | null = null
    const body = () => (bodyPromise ??= readBody(raw, match.route.bodyLimit ?? bodyLimit))
    const req: LakeRequest = {
      method,
      path,
      apiVersion: versioned?.[1] ?? null,
      query: url.searchParams,
      headers: raw.headers,
      projectId: projectIdOf(raw),
      identity,
      params: match.params,
      body,
      json: async () => {
        if (path.startsWith('/data/')) requireJsonContentType(raw)
        return parseJson(await body())
      },
      raw,
    }
    send(res, await match.route.handle(req, ctx))
  } catch (thrown) {
    const error = isDiskFull(thrown) ? diskFullError() : thrown
    if (!(error instanceof LakeError)) throw error
    if (res.headersSent) return void res.destroy()
    sendJson(res, error.status, error.body)
  }
}

function identify(raw: IncomingMessage, ctx: RouteContext): Identity | null {
  const header = raw.headers.authorization
  if (!header) return null
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim()
  const identity = token ? ctx.auth.identify(token) : null
  if (!identity) throw new LakeError(401, 'Unauthorized - Session not found or invalid token')
  return identity
}

function projectIdOf(raw: IncomingMessage): string | null {
  // The label just before `.localhost`: the Studio's listener streams come from
  // `listen-<n>.<projectId>.localhost` (studio/lakeTransport.ts).
  const host = /(?:^|\.)([a-z0-9-]+)\.localhost(:\d+)?$/i.exec(raw.headers.host ?? '')
  if (host?.[1]) return host[1]
  const header = raw.headers['x-sanity-project-id']
  return typeof header === 'string' && header !== '' ? header : null
}

function parseJson(body: Buffer): unknown {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new LakeError(400, `The request body is not valid JSON: ${(error as Error).message}`)
  }
  checkJsonDepth(value, 'The request body')
  return value
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin
  if (!origin) return
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Credentials', 'true')
  res.setHeader('Vary', 'Origin')
}

function send(res: ServerResponse, response: LakeResponse): void {
  if ('stream' in response) return response.stream(res)
  const headers = response.headers ?? {}
  if ('json' in response) return sendJson(res, response.status ?? 200, response.json, headers)
  res.writeHead(response.status ?? 200, {'Content-Type': 'text/plain; charset=utf-8', ...headers})
  res.end(response.text)
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {'Content-Type': 'application/json; charset=utf-8', ...headers})
  res.end(JSON.stringify(body))
}
