/**
 * Limits on connections, so that silent clients cannot take the lake's file descriptors:
 * - a connection that sends no request within FIRST_REQUEST_MS is closed (20,000 silent sockets
 *   used up every descriptor, and new clients were refused), and a request must arrive whole,
 *   body included, within REQUEST_TIMEOUT_MS;
 * - the server takes at most as many connections as the process may open files, less a reserve
 *   for the datasets, the workers and the files they read: a flood of connections is refused at
 *   the door, while the lake can still open what a write needs.
 * Pipelined requests a client never reads are left to Node's own backpressure: it stops reading a
 * connection whose answers pile up. Closing such connections early made the lake take the next
 * ones faster, and parse more of them (more memory, not less).
 */
import {readFileSync} from 'node:fs'
import type {IncomingMessage, Server} from 'node:http'
import type {Socket} from 'node:net'

/** Time a new connection has to send its first request's headers. */
export const FIRST_REQUEST_MS = 10_000
/** Time a request's headers may take to arrive (Node's default is 60 s). */
const HEADERS_TIMEOUT_MS = 20_000
/**
 * Time a whole request, body included, may take to arrive (Node's default is 300 s): a body of
 * 4 MB takes milliseconds on this machine, and a body sent a byte at a time, or not at all after
 * its headers, held its connection and memory for five minutes.
 */
export const REQUEST_TIMEOUT_MS = 30_000
/** Connections without a known file limit. */
const MAX_CONNECTIONS = 4096
/** Descriptors kept for what is not a connection: SQLite files and their journals, workers, reads. */
const RESERVED_FILES = 512

/**
 * Time a response of known length may go without its client taking any of it, once the socket's
 * buffers are full. Such a response stays in the lake's memory until it is read: a client that
 * asked for 64 MB answers and read none held 64 MB each, for as long as it kept the connection.
 */
export const RESPONSE_STALL_MS = 5_000

export interface ConnectionGuardOptions {
  /** Tests shorten them. */
  firstRequestMs?: number
  requestTimeoutMs?: number
  responseStallMs?: number
}

/** The `createServer` options the guard's timeouts need: how often Node looks for overdue requests. */
export function serverOptions(options: ConnectionGuardOptions = {}): {connectionsCheckingInterval: number} {
  return {connectionsCheckingInterval: Math.min(5000, Math.max(100, (options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS) / 4))}
}

/** Applies the limits to `server`. */
export function guardConnections(server: Server, options: ConnectionGuardOptions = {}): void {
  const firstRequestMs = options.firstRequestMs ?? FIRST_REQUEST_MS
  server.maxConnections = maxConnections(openFileLimit())
  server.requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
  server.headersTimeout = Math.min(HEADERS_TIMEOUT_MS, Math.max(firstRequestMs, 1000), server.requestTimeout)
  server.on('connection', (socket: Socket) => {
    // Node's server destroys a socket that times out with nobody listening for it: this one sends nothing.
    socket.setTimeout(firstRequestMs)
  })
  const started = (socket: Socket) => {
    // From its first request on, keep-alive and headers timeouts look after the connection;
    // a stream (a listener, live events) may then stay quiet as long as it likes.
    socket.setTimeout(0)
  }
  server.on('upgrade', (_req: IncomingMessage, socket: Socket) => started(socket))
  server.on('request', (req: IncomingMessage) => started(req.socket))
}

/** Connections to accept with `limit` open files allowed (null: unknown). */
export function maxConnections(limit: number | null): number {
  if (limit === null) return MAX_CONNECTIONS
  return Math.max(64, limit - RESERVED_FILES)
}

/** The process's soft limit on open files (Linux: /proc/self/limits), or null. */
function openFileLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((text) => text.startsWith('Max open files'))
    const soft = line?.split(/\s{2,}/)[1]
    return soft && /^\d+$/.test(soft) ? Number(soft) : null
  } catch {
    return null
  }
}
