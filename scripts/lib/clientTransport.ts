/**
 * How a `@sanity/client` of the local lake sends its requests, plugged in through the client's
 * public `requestHandler` option: the client still builds every request (URL, query, headers,
 * token, body) and callers still get its `ClientError`/`ServerError`; only the sending differs.
 * An embedded lake's handler is called in process (`inProcess`: a `Request` in, a `Response` out,
 * no socket); a running lake is reached over HTTP with an ordinary keep-alive agent (`overHttp`),
 * lighter than the client's own pipeline (get-it, and a debug middleware that serialises every
 * body a second time), which matters to the seed's one request per transaction.
 * Requests neither handles (HTTPS, stream bodies, raw or streamed responses) go through the
 * client's pipeline unchanged. Hosted projects never use them.
 */
import {Agent, request as httpRequest, type IncomingHttpHeaders} from 'node:http'
import {ClientError, ServerError, type RequestHandler, type RequestHandlerOptions} from '@sanity/client'

/** A request as the senders below need it. */
export interface LakeCall {
  url: URL
  method: string
  headers: Record<string, string>
  body: string | Uint8Array | undefined
  timeoutMs: number | undefined
  signal: AbortSignal | undefined
}

/** A whole answer. */
export interface LakeAnswer {
  status: number
  statusMessage: string
  headers: Record<string, string>
  text: string
}

export type Send = (call: LakeCall) => Promise<LakeAnswer>

/** Sockets kept open to a running lake: as many as the seed has transactions in flight. */
const MAX_SOCKETS = 64

/** A `requestHandler` sending through `send`. */
export function requestHandlerFor(send: Send): RequestHandler {
  return async (request, next) => {
    const call = prepare(request)
    if (!call) return next(request)
    const answer = await send(call)
    const body = parseBody(answer.text, answer.headers)
    if (answer.status < 400) return body
    const canonical = {
      statusCode: answer.status,
      statusMessage: answer.statusMessage || null,
      headers: answer.headers,
      body,
      url: call.url.href,
      method: call.method,
    }
    throw answer.status >= 500 ? new ServerError(canonical) : new ClientError(canonical, tagOf(request.query))
  }
}

/** Calls a `Request → Response` function (the embedded lake's handler) in this process. */
export function inProcess(handler: (request: Request) => Promise<Response>): Send {
  return async ({url, method, headers, body, signal}) => {
    const response = await handler(new Request(url, {method, headers, body: typeof body === 'string' ? body : body && ownBuffer(body), signal}))
    const answer: Record<string, string> = {}
    for (const [name, value] of response.headers) answer[name] = value
    return {status: response.status, statusMessage: response.statusText, headers: answer, text: await response.text()}
  }
}

/** The bytes as a `Request` body takes them: a view of the same memory when it is a plain ArrayBuffer. */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Uint8Array.from(bytes)
}

/**
 * Sends over HTTP through one keep-alive agent. A timeout is, as in the client's pipeline, the
 * longest the socket may stay silent. Connection errors keep their `code` (`ECONNREFUSED`,
 * `ECONNRESET`): the seed tells a request never sent from one whose answer was lost by it.
 */
export function overHttp(agent = new Agent({keepAlive: true, maxSockets: MAX_SOCKETS})): Send {
  return ({url, method, headers, body, timeoutMs, signal}) =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(url, {agent, method, headers, signal, timeout: timeoutMs}, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () =>
          resolve({status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: flatHeaders(res.headers), text: Buffer.concat(chunks).toString('utf8')}),
        )
      })
      outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error(`No answer within ${timeoutMs} ms`), {code: 'ETIMEDOUT'})))
      outgoing.on('error', reject)
      outgoing.end(body)
    })
}

/** The request as the senders need it, or null when the client's own pipeline must send it. */
function prepare(request: RequestHandlerOptions): LakeCall | null {
  if (!request.url.startsWith('http://') || request.meta?.rawBody === true || request.as === 'stream') return null
  const url = new URL(request.url)
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
  return {url, method, headers, body, timeoutMs, signal: request.signal}
}

/** The request's headers with names in lower case, repeated names joined with ", " (as `Headers` gives them). */
function lowerCaseHeaders(given: RequestHandlerOptions['headers']): Record<string, string> {
  const headers: Record<string, string> = {}
  const add = (name: string, value: string) => {
    const key = name.toLowerCase()
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value
  }
  if (Array.isArray(given)) for (const [name, value] of given) add(name, value)
  else if (given instanceof Headers) given.forEach((value, name) => add(name, value))
  else if (given) for (const [name, value] of Object.entries(given)) add(name, String(value))
  return headers
}

function appendQuery(url: URL, query: RequestHandlerOptions['query']): void {
  if (query instanceof URLSearchParams) {
    for (const [key, value] of query) url.searchParams.append(key, value)
  } else if (isRecord(query)) {
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.append(key, `${value}`)
  }
}

/** Like the client: JSON when the content type says so (raw text if it does not parse), else text. */
function parseBody(text: string, headers: Record<string, string>): unknown {
  if (!text) return undefined
  if (!(headers['content-type'] ?? '').toLowerCase().includes('application/json')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
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
