/**
 * A small HTTP/1.1 client for one origin on this machine (the local lake): kept-alive `node:net`
 * sockets, one request at a time on each, at most `connections` of them, whole responses read
 * into memory. It exists for CPU: the seed sends one request per article, and a request through
 * undici's pool costs several times the CPU it costs here (tests/scripts/http1Pool.test.ts
 * covers the protocol; `npm run bench -- seed` the effect).
 *
 * Responses: `Content-Length`, `Transfer-Encoding: chunked` or read-until-close bodies; no body for
 * HEAD, 204 and 304; 1xx interim responses are skipped. `Connection: close` (or HTTP/1.0) closes the
 * socket after the response. An idempotent request that fails on a reused socket before any
 * byte of its response arrived (the server closed the idle connection as the request was sent) is
 * sent once more on a new connection. Others are not: the server may have read and carried out
 * the request before the connection broke (a lake that stopped after a commit), and a second copy
 * would fail in a way that hides that; the caller is told the connection was lost instead.
 */
import {connect, type Socket} from 'node:net'

export interface Http1Request {
  method: string
  /** Path and query, e.g. `/v2025-02-19/data/mutate/production?returnIds=true`. */
  path: string
  /** Header names in lower case; `host` and `content-length` are set here. */
  headers: Record<string, string>
  body?: string | Uint8Array
  /** Longest wait for the response to start, and then for each piece of it. */
  timeoutMs?: number
  signal?: AbortSignal
  /**
   * Whether sending it twice does no harm (it may be sent again after a lost connection).
   * Default: true for GET, HEAD, OPTIONS, PUT and DELETE (RFC 9110's idempotent methods).
   */
  idempotent?: boolean
}

export interface Http1Response {
  statusCode: number
  statusMessage: string
  /** Names in lower case; repeated headers joined with ", " (`set-cookie`: an array). */
  headers: Record<string, string | string[]>
  body: Buffer
}

/** Sockets idle this long are closed before the server's keep-alive timeout (Node's default: 5 s) can race a request. */
const IDLE_MS = 4000
const HEADER_END = Buffer.from('\r\n\r\n')
const LINE_END = Buffer.from('\r\n')
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])
/** A response head larger than this is not from the lake. */
const MAX_HEAD_BYTES = 64 * 1024

export class Http1Pool {
  readonly #host: string
  readonly #port: number
  readonly #hostHeader: string
  readonly #max: number
  readonly #idle: Connection[] = []
  /** Every open connection, idle or carrying a request. */
  readonly #connections = new Set<Connection>()
  readonly #waiting: Array<{resolve: (connection: Connection) => void; reject: (error: Error) => void}> = []
  #closed = false

  constructor(origin: string, {connections}: {connections: number}) {
    const url = new URL(origin)
    if (url.protocol !== 'http:') throw new Error(`Http1Pool speaks plain HTTP only, not ${url.protocol} (${origin})`)
    this.#host = url.hostname.replace(/^\[|\]$/g, '')
    this.#port = Number(url.port || 80)
    this.#hostHeader = url.host
    this.#max = connections
  }

  /** Sends the request and reads the whole response (any status: errors are the caller's to map). */
  async request(request: Http1Request): Promise<Http1Response> {
    request.signal?.throwIfAborted()
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body
    const head = Buffer.from(headOf(request, this.#hostHeader, body?.byteLength), 'latin1')
    for (let attempt = 0; ; attempt++) {
      const connection = await this.#acquire()
      try {
        const response = await connection.exchange(head, body, request)
        this.#release(connection)
        return response
      } catch (error) {
        this.#discard(connection)
        const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method)
        if (attempt === 0 && idempotent && connection.reused && !connection.answered && isConnectionLoss(error) && !request.signal?.aborted) continue
        throw error
      }
    }
  }

  /** Closes every socket: requests in flight and requests waiting for a connection fail. */
  close(): void {
    this.#closed = true
    for (const waiter of this.#waiting.splice(0)) waiter.reject(closedError())
    for (const connection of [...this.#connections]) connection.fail(closedError())
  }

  #acquire(): Promise<Connection> {
    if (this.#closed) return Promise.reject(closedError())
    const idle = this.#idle.pop()
    if (idle) return Promise.resolve(idle)
    if (this.#connections.size < this.#max) return Promise.resolve(this.#connect())
    return new Promise((resolve, reject) => this.#waiting.push({resolve, reject}))
  }

  #connect(): Connection {
    const connection: Connection = new Connection(connect({host: this.#host, port: this.#port}), () => this.#forget(connection))
    this.#connections.add(connection)
    return connection
  }

  #release(connection: Connection): void {
    if (!connection.reusable || this.#closed) return this.#discard(connection)
    connection.reused = true
    const waiter = this.#waiting.shift()
    if (waiter) return waiter.resolve(connection)
    connection.park()
    this.#idle.push(connection)
  }

  /** Drops a connection that cannot carry another request, and lets a waiting request open a new one. */
  #discard(connection: Connection): void {
    connection.destroy()
    this.#forget(connection)
  }

  #forget(connection: Connection): void {
    if (!this.#connections.delete(connection)) return
    const index = this.#idle.indexOf(connection)
    if (index >= 0) this.#idle.splice(index, 1)
    const waiter = this.#waiting.shift()
    if (waiter) waiter.resolve(this.#connect())
  }
}

function headOf(request: Http1Request, host: string, length: number | undefined): string {
  let head = `${request.method} ${request.path} HTTP/1.1\r\nhost: ${host}\r\n`
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'host' || name === 'content-length' || name === 'connection' || name === 'transfer-encoding') continue
    if (/[\r\n]/.test(value)) throw new Error(`Header "${name}" contains a line break`)
    head += `${name}: ${value}\r\n`
  }
  if (length !== undefined) head += `content-length: ${length}\r\n`
  else if (request.method !== 'GET' && request.method !== 'HEAD') head += 'content-length: 0\r\n'
  return `${head}\r\n`
}

function closedError(): Error {
  return new Error('Http1Pool is closed')
}

function isConnectionLoss(error: unknown): boolean {
  const code = (error as {code?: unknown} | null)?.code
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_SOCKET_CLOSED_EARLY'
}

interface Exchange {
  method: string
  resolve(response: Http1Response): void
  reject(error: Error): void
}

type BodyMode = {kind: 'none'} | {kind: 'length'; left: number} | {kind: 'chunked'} | {kind: 'close'}

/** One socket and the parser of the response it is waiting for. */
class Connection {
  readonly #socket: Socket
  #exchange: Exchange | null = null
  /** Unparsed bytes: the head so far, or the rest of a chunked body. */
  #pending: Buffer | null = null
  #head: Omit<Http1Response, 'body'> | null = null
  #mode: BodyMode = {kind: 'none'}
  #parts: Buffer[] = []
  #dead = false
  #idleTimer: NodeJS.Timeout | null = null
  /** Whether this socket carried a request before the current one. */
  reused = false
  /** Whether any byte of the current response arrived. */
  answered = false
  /** Whether the socket may carry another request after the current response. */
  reusable = true

  constructor(socket: Socket, onGone: () => void) {
    this.#socket = socket
    socket.setNoDelay(true)
    socket.on('data', (data: Buffer) => this.#onData(data))
    socket.on('error', (error) => this.fail(error))
    socket.on('close', () => {
      this.#dead = true
      if (this.#exchange && this.#head && this.#mode.kind === 'close') this.#finish()
      else this.fail(Object.assign(new Error('The server closed the connection before the response was complete'), {code: 'ERR_SOCKET_CLOSED_EARLY'}))
      onGone()
    })
  }

  exchange(head: Buffer, body: Uint8Array | undefined, request: Http1Request): Promise<Http1Response> {
    if (this.#idleTimer) clearTimeout(this.#idleTimer)
    this.#idleTimer = null
    return new Promise<Http1Response>((resolve, reject) => {
      if (this.#dead) {
        reject(Object.assign(new Error('The connection was closed'), {code: 'ECONNRESET'}))
        return
      }
      const {signal, timeoutMs} = request
      const done = () => {
        signal?.removeEventListener('abort', onAbort)
        if (timeoutMs !== undefined) {
          this.#socket.setTimeout(0)
          this.#socket.removeListener('timeout', onTimeout)
        }
      }
      const onAbort = () => this.fail(signal?.reason instanceof Error ? signal.reason : new Error('The request was aborted'))
      const onTimeout = () =>
        this.fail(Object.assign(new Error(`Request timed out after ${timeoutMs} ms: ${request.method} ${request.path}`), {name: 'TimeoutError'}))
      this.#exchange = {
        method: request.method,
        resolve: (response) => {
          done()
          resolve(response)
        },
        reject: (error) => {
          done()
          reject(error)
        },
      }
      this.answered = false
      this.#socket.ref()
      if (signal?.aborted) return onAbort()
      signal?.addEventListener('abort', onAbort, {once: true})
      if (timeoutMs !== undefined) {
        this.#socket.setTimeout(timeoutMs)
        this.#socket.on('timeout', onTimeout)
      }
      this.#socket.cork()
      this.#socket.write(head)
      if (body !== undefined && body.byteLength > 0) this.#socket.write(body)
      this.#socket.uncork()
    })
  }

  /** Between requests: lets the process exit, and closes the socket before the server would. */
  park(): void {
    this.#socket.unref()
    this.#idleTimer = setTimeout(() => this.destroy(), IDLE_MS)
    this.#idleTimer.unref()
  }

  destroy(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer)
    this.#dead = true
    this.#socket.destroy()
  }

  #onData(data: Buffer): void {
    const exchange = this.#exchange
    if (!exchange) {
      // Bytes nobody asked for: the connection is out of step.
      this.reusable = false
      this.destroy()
      return
    }
    this.answered = true
    try {
      this.#consume(data)
    } catch (error) {
      this.fail(error as Error)
    }
  }

  #consume(data: Buffer): void {
    let input = this.#pending ? Buffer.concat([this.#pending, data]) : data
    this.#pending = null
    while (!this.#head) {
      const end = input.indexOf(HEADER_END)
      if (end < 0) {
        if (input.length > MAX_HEAD_BYTES) throw new Error(`Response head larger than ${MAX_HEAD_BYTES} bytes`)
        this.#pending = input
        return
      }
      const head = parseHead(input.toString('latin1', 0, end))
      input = input.subarray(end + HEADER_END.length)
      // 1xx: an interim response (e.g. 100 Continue); the real one follows.
      if (head.statusCode >= 100 && head.statusCode < 200) continue
      this.#head = head.response
      this.reusable &&= head.keepAlive
      this.#mode = bodyModeOf(this.#exchange?.method ?? 'GET', head.response)
      if (this.#mode.kind === 'close') this.reusable = false
    }
    switch (this.#mode.kind) {
      case 'none':
        if (input.length > 0) this.reusable = false
        return this.#finish()
      case 'length': {
        const take = Math.min(input.length, this.#mode.left)
        if (take > 0) this.#parts.push(take === input.length ? input : input.subarray(0, take))
        this.#mode.left -= take
        if (input.length > take) this.reusable = false
        if (this.#mode.left === 0) this.#finish()
        return
      }
      case 'close':
        if (input.length > 0) this.#parts.push(input)
        return
      case 'chunked':
        return this.#consumeChunks(input)
    }
  }

  #consumeChunks(input: Buffer): void {
    let at = 0
    for (;;) {
      const lineEnd = input.indexOf(LINE_END, at)
      if (lineEnd < 0) break
      const size = Number.parseInt(input.toString('latin1', at, lineEnd).split(';')[0] ?? '', 16)
      if (!Number.isFinite(size) || size < 0) throw new Error('Malformed chunk size in a chunked response')
      if (size === 0) {
        // The last chunk, then optional trailers, then an empty line.
        const end = input.indexOf(LINE_END, lineEnd + 2) === lineEnd + 2 ? lineEnd + 4 : input.indexOf(HEADER_END, lineEnd) + 4
        if (end < 4) break
        if (end < input.length) this.reusable = false
        return this.#finish()
      }
      const start = lineEnd + 2
      if (input.length < start + size + 2) break
      this.#parts.push(input.subarray(start, start + size))
      at = start + size + 2
    }
    this.#pending = at < input.length ? input.subarray(at) : null
  }

  #finish(): void {
    const exchange = this.#exchange
    const head = this.#head
    if (!exchange || !head) return
    const body = this.#parts.length === 1 ? (this.#parts[0] as Buffer) : Buffer.concat(this.#parts)
    this.#reset()
    if (!this.reusable) this.destroy()
    exchange.resolve({...head, body})
  }

  /** Fails the request it carries, if any, and closes the socket. */
  fail(error: Error): void {
    const exchange = this.#exchange
    this.#reset()
    this.reusable = false
    this.destroy()
    exchange?.reject(error)
  }

  #reset(): void {
    this.#exchange = null
    this.#pending = null
    this.#head = null
    this.#parts = []
    this.#mode = {kind: 'none'}
  }
}

function parseHead(text: string): {statusCode: number; keepAlive: boolean; response: Omit<Http1Response, 'body'>} {
  const lines = text.split('\r\n')
  const status = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0] ?? '')
  if (!status) throw new Error(`Not an HTTP/1.x response: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`)
  const headers: Record<string, string | string[]> = {}
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string
    const colon = line.indexOf(':')
    if (colon <= 0) throw new Error(`Malformed response header: ${JSON.stringify(line.slice(0, 80))}`)
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    const previous = headers[name]
    if (name === 'set-cookie') headers[name] = [...((previous as string[] | undefined) ?? []), value]
    else headers[name] = previous === undefined ? value : `${previous as string}, ${value}`
  }
  const connection = String(headers.connection ?? '').toLowerCase()
  const keepAlive = status[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive')
  const statusCode = Number(status[2])
  return {statusCode, keepAlive, response: {statusCode, statusMessage: status[3] ?? '', headers}}
}

function bodyModeOf(method: string, head: Omit<Http1Response, 'body'>): BodyMode {
  if (method === 'HEAD' || head.statusCode === 204 || head.statusCode === 304) return {kind: 'none'}
  const encoding = String(head.headers['transfer-encoding'] ?? '').toLowerCase()
  if (encoding.includes('chunked')) return {kind: 'chunked'}
  const length = head.headers['content-length']
  if (typeof length === 'string') {
    const left = Number(length.split(',')[0])
    if (!Number.isSafeInteger(left) || left < 0) throw new Error(`Invalid Content-Length: ${length}`)
    return left === 0 ? {kind: 'none'} : {kind: 'length', left}
  }
  return {kind: 'close'}
}
