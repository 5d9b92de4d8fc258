/**
 * The Studio's presence socket (bifur, `/v2022-06-30/socket/:dataset`): accepted from allowed
 * origins, kept only for a token holder, and kept silent.
 *
 * Presence is optional: a socket that never answers reads as "nobody else is here" without console
 * noise, while a refused upgrade makes the Studio log errors and reconnect forever. Browsers cannot
 * put headers on a WebSocket, so the bifur client sends its token in its first message, the JSON-RPC
 * `authorization` request (`@sanity/bifur-client` `createClient`); a socket without a good one is
 * closed. Live sockets are pinged (browsers answer pings themselves) and dropped when silent.
 */
import {createHash} from 'node:crypto'
import type {IncomingMessage} from 'node:http'
import type {Duplex} from 'node:stream'

import type {Identity} from '../types.ts'
import {closeFrame, PING_FRAME, readFrame} from './webSocketFrames.ts'

/** Fixed by RFC 6455 for computing `Sec-WebSocket-Accept`. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

const PRESENCE_PATH = /^(\/v[^/]+)?\/socket\/[^/?]+(\?|$)/

/** The bifur client authorizes right after connecting; a socket silent this long is not a Studio. */
const AUTH_TIMEOUT_MS = 10_000
/** A socket that answers no ping for this long is gone (sleeping laptop, dropped network). */
const IDLE_TIMEOUT_MS = 60_000
/** The authorization message is a few hundred bytes; anything longer before it is refused. */
const MAX_AUTH_BYTES = 16 * 1024

/** The bifur client's code for a refused token (`@sanity/bifur-client` `ERROR_CODES.UNAUTHORIZED`). */
const CLOSE_UNAUTHORIZED = 4001

/** True when an upgrade request is for the presence socket. */
export function isPresenceSocket(req: IncomingMessage): boolean {
  return PRESENCE_PATH.test(req.url ?? '') && typeof req.headers['sec-websocket-key'] === 'string'
}

export interface PresenceOptions {
  /** The identity a bearer token stands for, or null. */
  identify(token: string): Identity | null
  /** Whether a page on `origin` may open the socket (browsers always send `Origin`). */
  isAllowedOrigin(origin: string): boolean
  authTimeoutMs?: number
  idleTimeoutMs?: number
}

export interface PresenceSockets {
  /** The server's `upgrade` listener. */
  upgrade(req: IncomingMessage, socket: Duplex): void
  /** Ends every open presence socket (an upgraded socket would keep `server.close()` waiting). */
  closeAll(): void
}

/**
 * Accepts presence sockets: refuses other origins (403), completes the WebSocket handshake, waits
 * for the token, then ignores every frame until the browser leaves. Any other upgrade is a 404.
 */
export function createPresenceSockets(options: PresenceOptions): PresenceSockets {
  const open = new Set<Duplex>()
  return {
    upgrade(req, socket) {
      socket.on('error', () => socket.destroy())
      if (!isPresenceSocket(req)) return refuse(socket, '404 Not Found', 'No WebSocket at this path')
      const origin = req.headers.origin
      if (origin !== undefined && !options.isAllowedOrigin(origin)) {
        return refuse(socket, '403 Forbidden', `Presence sockets are not open to pages on ${origin}`)
      }
      const accept = createHash('sha1')
        .update(`${req.headers['sec-websocket-key']}${WEBSOCKET_GUID}`)
        .digest('base64')
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
      )
      open.add(socket)
      socket.on('close', () => open.delete(socket))
      awaitToken(socket, options)
    },
    closeAll() {
      for (const socket of open) socket.destroy()
      open.clear()
    },
  }
}

function refuse(socket: Duplex, status: string, message: string): void {
  const body = JSON.stringify({error: status.slice(4), message, statusCode: Number(status.slice(0, 3))})
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )
}

/** Reads frames until the `authorization` request; closes the socket unless its token is good. */
function awaitToken(socket: Duplex, options: PresenceOptions): void {
  let pending = Buffer.alloc(0)
  const unauthorized = (reason: string) => {
    socket.removeListener('data', onData)
    socket.end(closeFrame(CLOSE_UNAUTHORIZED, reason))
  }
  const timer = setTimeout(() => unauthorized('No authorization'), options.authTimeoutMs ?? AUTH_TIMEOUT_MS)
  socket.on('close', () => clearTimeout(timer))
  const onData = (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk])
    if (pending.length > MAX_AUTH_BYTES) return unauthorized('Authorization message too long')
    for (let frame = readFrame(pending); frame; frame = readFrame(pending)) {
      pending = pending.subarray(frame.length)
      if (frame.opcode === 0x8) return void socket.end(closeFrame(1000, ''))
      if (frame.opcode !== 0x1) continue
      clearTimeout(timer)
      socket.removeListener('data', onData)
      if (!options.identify(bearerToken(frame.payload) ?? '')) return unauthorized('Unauthorized - Session not found or invalid token')
      return keepAlive(socket, options.idleTimeoutMs ?? IDLE_TIMEOUT_MS)
    }
  }
  socket.on('data', onData)
}

/** The token of a bifur `authorization` request, e.g. `{"method":"authorization","params":{"authorization":"Bearer t"}}`. */
function bearerToken(payload: Buffer): string | null {
  let message: unknown
  try {
    message = JSON.parse(payload.toString('utf8'))
  } catch {
    return null
  }
  if (typeof message !== 'object' || message === null || !('method' in message) || message.method !== 'authorization') return null
  const params = 'params' in message ? message.params : null
  const header = typeof params === 'object' && params !== null && 'authorization' in params ? params.authorization : null
  return typeof header === 'string' ? (/^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? null) : null
}

/** Pings twice per idle period; any bytes from the client (a pong at least) count as alive. */
function keepAlive(socket: Duplex, idleTimeoutMs: number): void {
  let lastSeen = Date.now()
  socket.on('data', () => (lastSeen = Date.now()))
  const timer = setInterval(() => {
    if (Date.now() - lastSeen > idleTimeoutMs) return void socket.destroy()
    socket.write(PING_FRAME)
  }, idleTimeoutMs / 2)
  timer.unref()
  socket.on('close', () => clearInterval(timer))
}
