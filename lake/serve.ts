/**
 * Starts the local Content Lake on a port: the one place in `lake/` that binds a socket, and the
 * one adapter between node:http and the lake's `Request → Response` handler (`localLake.ts`).
 * WebSocket upgrades (the Studio's presence sockets) are answered here, beside the handler.
 * While it runs, `<dir>/lake.json` says where (`{url, pid}`) so other processes can find it.
 */
import {createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {Socket} from 'node:net'
import type {Duplex} from 'node:stream'
import {renameSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {guardConnections, RESPONSE_STALL_MS, serverOptions, type ConnectionGuardOptions} from './connectionGuard.ts'
import {LakeError} from './errors.ts'
import type {LakeHandler} from './handler.ts'
import {openLocalLake, type LocalLakeOptions} from './localLake.ts'
import {isSameUser} from './peerUser.ts'
import type {LocalLake} from './store.ts'
import {isAllowedStudioOrigin} from './studioApi/login.ts'
import {createPresenceSockets} from './studioApi/presence.ts'

export {DEFAULT_DATASET} from './localLake.ts'

export interface StartLakeOptions extends LocalLakeOptions, ConnectionGuardOptions {
  host?: string
  /** 0 picks a free port (tests). */
  port?: number
}

export interface RunningLake {
  url: string
  token: string
  lake: LocalLake
  server: Server
  close(): Promise<void>
}

/**
 * Opens the lake in `dir` and serves it over HTTP.
 * @throws when the port cannot be bound (e.g. EADDRINUSE), or a Studio origin is not an http(s) URL.
 */
export async function startLake(options: StartLakeOptions): Promise<RunningLake> {
  const host = options.host ?? '127.0.0.1'
  /**
   * Each request's connection, for the login provider's question: is this the lake's own user?
   * Its ends are read only when asked (two routes), not for every request.
   */
  const connections = new WeakMap<Request, Socket>()
  const sameUser = (request: Request) => {
    const socket = connections.get(request)
    if (!socket) return null
    const {remoteAddress = '', remotePort = 0, localAddress = '', localPort = 0} = socket
    return isSameUser({remoteAddress, remotePort, localAddress, localPort})
  }
  const local = openLocalLake({...options, host, sameUser: options.sameUser ?? sameUser})
  const log = options.log ?? (() => {})
  // A request without Host is answered by serveRequest, with a body that says so (Node's own check sends an empty 400).
  const guard = {firstRequestMs: options.firstRequestMs, requestTimeoutMs: options.requestTimeoutMs}
  const stallMs = options.responseStallMs ?? RESPONSE_STALL_MS
  const server = createServer({requireHostHeader: false, ...serverOptions(guard)}, (req, res) => void serveRequest(local.handler, req, res, log, connections, stallMs))
  guardConnections(server, guard)
  server.on('clientError', answerClientError)
  // Node hands CONNECT to this event, not to the handler; without a listener it drops the socket unanswered.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => socket.end(rawAnswer(methodNotAllowed('CONNECT'))))
  // Only pages of the Studios the lake was started for; the token decides the rest.
  const presence = createPresenceSockets({
    identify: local.auth.identify,
    isAllowedOrigin: (origin) => isAllowedStudioOrigin(local.studioLogin, origin),
  })
  server.on('upgrade', presence.upgrade)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 3900, host, () => resolve())
    })
  } catch (error) {
    await local.close()
    throw error
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const infoFile = join(options.dir, 'lake.json')
  // Written whole, then renamed into place: a script reading it meanwhile sees the old file or the
  // new one, never a half-written one it would have to call damaged.
  const partial = `${infoFile}.${process.pid}.tmp`
  writeFileSync(partial, JSON.stringify({url, pid: process.pid}) + '\n')
  renameSync(partial, infoFile)
  local.startScheduler()
  let closing: Promise<void> | null = null
  return {
    url,
    token: local.token,
    lake: local.lake,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        presence.closeAll()
        server.close(() => resolve())
        server.closeAllConnections()
      })
        .then(() => rmSync(infoFile, {force: true}))
        .then(() => local.close())
      return closing
    },
  }
}

/**
 * Bodies up to this declared length are read before the handler runs. Small, so that a request
 * the handler refuses unread (401, 404) never has a large body buffered first; larger bodies
 * stream, and are read only as far as the handler reads them.
 */
const PREREAD_BYTES = 64 * 1024

/** One node:http exchange through the handler: the request made web-standard, the response written back. */
async function serveRequest(
  handler: LakeHandler,
  req: IncomingMessage,
  res: ServerResponse,
  log: (message: string) => void,
  connections: WeakMap<Request, Socket>,
  stallMs: number,
): Promise<void> {
  // Methods the fetch `Request` refuses to carry: answered here, as the handler answers unknown methods.
  const refusal = UNCARRIED_METHODS.has(req.method ?? '')
    ? methodNotAllowed(req.method ?? '')
    : req.httpVersion !== '1.0' && req.headers.host === undefined
      ? new LakeError(400, 'The request has no Host header, which HTTP/1.1 requires: send one, e.g. "Host: 127.0.0.1:3900"')
      : null
  if (refusal) {
    const json = JSON.stringify(refusal.body)
    return void res.writeHead(refusal.status, {'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(json)}).end(json)
  }
  try {
    const request = await toRequest(req)
    if (!request) return void res.destroy()
    connections.set(request, req.socket)
    await writeResponse(await handler(request), req, res, stallMs)
  } catch (error) {
    log(`internal error on ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`)
    res.destroy()
  }
}

/**
 * The web-standard request, or null when the client left while its body was read. A body whose
 * declared length is at most PREREAD_BYTES is read first, into one buffer (a web
 * stream per request costs more than the whole of a small write); any other body is streamed.
 */
async function toRequest(req: IncomingMessage): Promise<Request | null> {
  const method = req.method ?? 'GET'
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '')
  if (method === 'GET' || method === 'HEAD') return new Request(urlOf(req), {method, headers})
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (!(Number.isSafeInteger(declared) && declared >= 0 && declared <= PREREAD_BYTES)) {
    // Node needs `duplex` for a streamed body; TypeScript's RequestInit does not name it yet.
    const streamed = {body: bodyOf(req), duplex: 'half'}
    return new Request(urlOf(req), {method, headers, ...streamed})
  }
  const body = await readWhole(req)
  return body && new Request(urlOf(req), {method, headers, body})
}

/** The whole body of a request whose length is declared and bounded, or null if the client left first. */
function readWhole(req: IncomingMessage): Promise<Buffer<ArrayBuffer> | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.once('end', () => resolve(Buffer.concat(chunks)))
    req.once('error', () => resolve(null))
    req.once('close', () => resolve(req.complete ? Buffer.concat(chunks) : null))
  })
}

/** The request body, read from the socket only as the handler reads it. */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks: AsyncIterator<Buffer> = req[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const chunk = await chunks.next()
        if (chunk.done) controller.close()
        else controller.enqueue(chunk.value)
      },
    },
    {highWaterMark: 0},
  )
}

/** The URL as the client named it: the Host header gives the `<projectId>.localhost` the routes look for. */
function urlOf(req: IncomingMessage): string {
  const path = req.url?.startsWith('/') ? req.url : '/'
  // Joined as text, not resolved against a base: `//evil.localhost:8080/v1/…` would be read as a
  // host, and the request taken for one to that host (which the CORS check counts as the lake's own).
  try {
    return new URL(`http://${req.headers.host ?? '127.0.0.1'}${path}`).href
  } catch {
    return new URL(`http://127.0.0.1${path}`).href
  }
}

/**
 * Writes the response, its body at the pace the socket takes it (a stream left unread piles up in
 * the stream, where the SSE routes watch it); a client that goes away cancels the body, which ends
 * the work behind it (a listener's subscription). A body that fails (a slow listener cut off)
 * destroys the connection: the client sees the stream end abnormally.
 */
async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse, stallMs: number): Promise<void> {
  const head: string[] = []
  // Each Set-Cookie comes on its own, the other repeated headers joined: as `Headers` iterates them.
  for (const [name, value] of response.headers) head.push(name, value)
  res.writeHead(response.status, head)
  const body = response.body
  if (!body || req.method === 'HEAD') {
    await body?.cancel()
    return void res.end()
  }
  // A body of known length (JSON, text, pages) goes out with the head in one write.
  if (response.headers.has('content-length')) return writeWhole(await wholeBody(body), res, stallMs)
  const reader = body.getReader()
  const cancel = () => void reader.cancel().catch(() => {})
  res.once('close', cancel)
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (!res.write(chunk.value)) await drained(res)
      if (res.destroyed) return
      // A socket that takes each chunk at once (a local client reading apace) says so on the
      // next tick, so this loop would never let the event loop turn: other clients' requests
      // would wait for the whole body (an export, a long log). One chunk per turn.
      await nextTurn()
    }
    res.end()
  } catch {
    res.destroy()
  } finally {
    res.off('close', cancel)
  }
}

/** A body up to this size goes to the socket in one write: the socket's buffers take it whole. */
const ONE_WRITE_BYTES = 1024 * 1024
/** The slices a larger body is written in, so that its progress can be seen. */
const SLICE_BYTES = 256 * 1024

/**
 * Writes a body of known length. A large one (a 64 MB query answer) is written a slice at a time
 * as the client takes it, and the connection is ended when the client takes nothing for
 * `stallMs`: the body is held in memory until it is sent, and a client that asked for answers
 * and read none held 64 MB each, for as long as it kept the connection.
 */
async function writeWhole(bytes: Uint8Array, res: ServerResponse, stallMs: number): Promise<void> {
  if (bytes.byteLength <= ONE_WRITE_BYTES) return void res.end(bytes)
  for (let offset = 0; offset < bytes.byteLength; offset += SLICE_BYTES) {
    if (!res.write(bytes.subarray(offset, offset + SLICE_BYTES)) && !(await drained(res, stallMs))) return void res.destroy()
    if (res.destroyed) return
  }
  res.end()
}

/** A body's bytes: its one chunk as it is (a handler's JSON or text), else its chunks joined. */
async function wholeBody(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const reader = body.getReader()
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) chunks.push(chunk.value)
  return chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks)
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Resolves true on the next drain, false when the response closes first or `stallMs` passes without one. */
function drained(res: ServerResponse, stallMs = Infinity): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (result: boolean) => () => {
      res.off('drain', onDrain)
      res.off('close', onClose)
      clearTimeout(timer)
      resolve(result)
    }
    const onDrain = done(true)
    const onClose = done(false)
    const timer = Number.isFinite(stallMs) ? setTimeout(done(false), stallMs) : undefined
    res.on('drain', onDrain)
    res.on('close', onClose)
  })
}

/**
 * Requests Node's HTTP parser refuses never reach the handler; Node would answer them with a bare
 * status line. They get a Content Lake error body like every other error.
 */
function answerClientError(error: Error & {code?: string}, socket: Duplex): void {
  // A response already started on this socket (a bad pipelined request after it) cannot be followed by another.
  const current: unknown = Reflect.get(socket, '_httpMessage')
  const started = typeof current === 'object' && current !== null && 'headersSent' in current && current.headersSent === true
  if (!socket.writable || started || error.code === 'ECONNRESET') return void socket.destroy()
  const answer =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new LakeError(431, 'The request URL and headers exceed 16 KB. Send long queries with POST data/query {"query", "params"}.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new LakeError(408, 'The request took too long to arrive.')
        : new LakeError(400, `Malformed HTTP request (${error.code ?? error.message}).`)
  socket.end(rawAnswer(answer))
}

const JSON_TYPE = 'application/json; charset=utf-8'

/** CONNECT and TRACE (Node's parser refuses TRACK): `new Request` throws on them, so they never reach the handler. */
const UNCARRIED_METHODS = new Set(['CONNECT', 'TRACE'])

function methodNotAllowed(method: string): LakeError {
  return new LakeError(405, `Method ${method} is not allowed: the lake answers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS`)
}

/** A whole HTTP response carrying `error`'s body, for a socket no ServerResponse writes to. */
function rawAnswer({status, body}: LakeError): string {
  const json = JSON.stringify(body)
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: ${JSON_TYPE}\r\n` +
    `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`
  )
}
