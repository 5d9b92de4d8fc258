/**
 * The Studio's presence socket (bifur, `/v2022-06-30/socket/:dataset`), accepted and kept silent.
 *
 * Presence is optional: a socket that never answers reads as "nobody else is here" without console
 * noise, while a refused upgrade makes the Studio log errors and reconnect forever.
 */
import {createHash} from 'node:crypto'
import type {IncomingMessage} from 'node:http'
import type {Duplex} from 'node:stream'

/** Fixed by RFC 6455 for computing `Sec-WebSocket-Accept`. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

const PRESENCE_PATH = /^(\/v[^/]+)?\/socket\/[^/?]+(\?|$)/

/** True when an upgrade request is for the presence socket. */
export function isPresenceSocket(req: IncomingMessage): boolean {
  return PRESENCE_PATH.test(req.url ?? '') && typeof req.headers['sec-websocket-key'] === 'string'
}

export interface PresenceSockets {
  /** The server's `upgrade` listener. */
  upgrade(req: IncomingMessage, socket: Duplex): void
  /** Ends every open presence socket (an upgraded socket would keep `server.close()` waiting). */
  closeAll(): void
}

/**
 * Accepts presence sockets: completes the WebSocket handshake and then ignores every frame
 * until the browser leaves. Any other upgrade request gets a 404 and is closed.
 */
export function createPresenceSockets(): PresenceSockets {
  const open = new Set<Duplex>()
  return {
    upgrade(req, socket) {
      socket.on('error', () => socket.destroy())
      if (!isPresenceSocket(req)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
        return
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
      socket.on('data', () => {})
    },
    closeAll() {
      for (const socket of open) socket.destroy()
      open.clear()
    },
  }
}
