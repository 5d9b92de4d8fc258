/**
 * A lean transport for `@sanity/client` talking to the local lake over loopback HTTP, plugged in
 * through the client's public `requestHandler` option: the client still builds every request
 * (URL, query, headers, token, body) and callers still get its `ClientError`/`ServerError`;
 * only the sending is done, by a small HTTP/1.1 pool per origin (`http1Pool.ts`: kept-alive
 * sockets). The client's own pipeline (get-it over undici fetch, plus a debug middleware that
 * serialises every body a second time) costs several times the CPU per request, and the seed
 * sends one request per article (`npm run bench -- seed` shows the effect).
 * Requests it does not handle (another host, HTTPS, stream bodies, raw or streamed responses) go
 * through the client's pipeline unchanged. Hosted projects never use it.
 */
import {ClientError, ServerError, type RequestHandler, type RequestHandlerOptions} from '@sanity/client'

import {Http1Pool} from './http1Pool.ts'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

interface Prepared {
  url: string
  origin: string
  path: string
  method: string
  headers: Record<string, string>
  body: string | Uint8Array | undefined
  timeoutMs: number | undefined
  signal: AbortSignal | undefined
}

/** Connections per origin: as many as the seed has transactions in flight. */
const CONNECTIONS = 64

/** The `requestHandler` for a client of the local lake; one connection pool per origin and handler. */
export function loopbackRequestHandler(): RequestHandler {
  const pools = new Map<string, Http1Pool>()
  const poolFor = (origin: string): Http1Pool => {
    let pool = pools.get(origin)
    if (!pool) {
      pool = new Http1Pool(origin, {connections: CONNECTIONS})
      pools.set(origin, pool)
    }
    return pool
  }
  return async (request, next) => {
    const prepared = prepare(request)
    if (!prepared) return next(request)
    const tag = tagOf(request.query)
    const response = await send(poolFor(prepared.origin), prepared)
    const body = parseBody(response.text, response.headers)
    if (response.statusCode < 400) return body
    const canonical = {
      statusCode: response.statusCode,
      statusMessage: response.statusMessage || null,
      headers: flatHeaders(response.headers),
      body,
      url: prepared.url,
      method: prepared.method,
    }
    throw response.statusCode >= 500 ? new ServerError(canonical) : new ClientError(canonical, tag)
  }
}

/** The request as node:http needs it, or null when the client's own pipeline must send it. */
function prepare(request: RequestHandlerOptions): Prepared | null {
  if (!request.url.startsWith('http://') || request.meta?.rawBody === true || request.as === 'stream') return null
  const url = new URL(request.url)
  if (!LOOPBACK_HOSTS.has(url.hostname)) return null
  const headers = lowerCaseHeaders(request.headers)
  let body: string | Uint8Array | undefined
  if (typeof request.body === 'string' || request.body instanceof Uint8Array) {
    body = request.body
  } else if (Array.isArray(request.body) || isPlainObject(request.body)) {
    body = JSON.stringify(request.body)
    headers['content-type'] ??= 'application/json'
  } else if (request.body !== undefined && request.body !== null) {
    return null
  }
  appendQuery(url, request.query)
  const method = request.method?.toUpperCase() ?? (body === undefined ? 'GET' : 'POST')
  const timeout = request.timeout
  const timeoutMs = typeof timeout === 'number' && timeout > 0 ? timeout : isRecord(timeout) && typeof timeout.total === 'number' && timeout.total > 0 ? timeout.total : undefined
  return {url: url.toString(), origin: url.origin, path: `${url.pathname}${url.search}`, method, headers, body, timeoutMs, signal: request.signal}
}

/**
 * The request's headers as `Headers` would give them (names in lower case, repeated names joined
 * with ", "), without `Headers` itself: Node loads its fetch implementation on first use of it.
 */
function lowerCaseHeaders(given: RequestHandlerOptions['headers']): Record<string, string> {
  const headers: Record<string, string> = {}
  const add = (name: string, value: string) => {
    const key = name.toLowerCase()
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value
  }
  if (Array.isArray(given)) for (const [name, value] of given) add(name, value)
  else if (isHeaders(given)) given.forEach((value, name) => add(name, value))
  else if (given) for (const [name, value] of Object.entries(given)) add(name, String(value))
  return headers
}

function isHeaders(value: unknown): value is {forEach(callback: (value: string, name: string) => void): void} {
  return isRecord(value) && typeof value.forEach === 'function' && typeof value.get === 'function'
}

function appendQuery(url: URL, query: RequestHandlerOptions['query']): void {
  if (query instanceof URLSearchParams) {
    for (const [key, value] of query) url.searchParams.append(key, value)
  } else if (isRecord(query)) {
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.append(key, `${value}`)
  }
}

type Headers = Record<string, string | string[] | undefined>

interface Response {
  statusCode: number
  statusMessage: string
  headers: Headers
  text: string
}

/**
 * Sends the request and reads the whole response. A timeout is, as in the client's pipeline, the
 * longest wait for the response to start and then for each piece of its body.
 */
async function send(pool: Http1Pool, prepared: Prepared): Promise<Response> {
  const {path, method, headers, body, timeoutMs, signal} = prepared
  // A query sent as POST (a long one) reads only: safe to send again after a lost connection.
  const idempotent = method === 'POST' ? /\/data\/query\//.test(path) : undefined
  const response = await pool.request({path, method, headers, body, timeoutMs, signal, idempotent})
  return {statusCode: response.statusCode, statusMessage: response.statusMessage, headers: response.headers, text: response.body.toString('utf8')}
}

/** Like the client: JSON when the content type says so (raw text if it does not parse), else text. */
function parseBody(text: string, headers: Headers): unknown {
  if (!text) return undefined
  if (!String(headers['content-type'] ?? '').toLowerCase().includes('application/json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function flatHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(headers)) if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value
  return out
}

function tagOf(query: RequestHandlerOptions['query']): string | undefined {
  if (query instanceof URLSearchParams) return query.get('tag') ?? undefined
  return isRecord(query) && typeof query.tag === 'string' ? query.tag : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
