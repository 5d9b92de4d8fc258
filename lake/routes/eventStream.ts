/**
 * A server-sent-events response (listen.ts, live.ts) with keep-alives and backpressure: a client
 * that leaves more than LISTEN_BUFFER_MAX_BYTES unread for LISTEN_STALL_MS, or more than
 * LISTEN_BUFFER_HARD_MAX_BYTES at once, is cut off; EventSource clients reconnect.
 */
import type {IncomingHttpHeaders, ServerResponse} from 'node:http'

/** Keep-alive comment interval; proxies and browsers drop idle streams after ~30-60 s. */
const KEEP_ALIVE_MS = 15_000

/**
 * Backpressure: a client that stops reading must not make the lake hold every event in memory.
 * Past LISTEN_BUFFER_MAX_BYTES unread (in the response and its socket) the client has
 * LISTEN_STALL_MS to read it all (a reading client drains a burst of events well within that);
 * past LISTEN_BUFFER_HARD_MAX_BYTES the stream is closed at once, whatever the time.
 */
export const LISTEN_BUFFER_MAX_BYTES = 4 * 1024 * 1024
export const LISTEN_BUFFER_HARD_MAX_BYTES = 32 * 1024 * 1024
export const LISTEN_STALL_MS = 5_000

/** The writing side of an open event stream. */
export interface EventStream {
  /** Writes one chunk (nothing once closed); may cut the stream off (backpressure). */
  write(chunk: string): void
  /** Ends the response normally. */
  end(): void
  /** Called once when the stream closes for any reason. */
  onClose(callback: () => void): void
}

/** Writes the SSE head and returns the stream; `onCut` hears why a slow client was cut off. */
export function openEventStream(res: ServerResponse, headers: IncomingHttpHeaders, onCut: (why: string) => void): EventStream {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...(headers.origin ? {'access-control-allow-origin': headers.origin, 'access-control-allow-credentials': 'true', vary: 'Origin'} : {}),
  })
  let closed = false
  let stalled: NodeJS.Timeout | undefined
  const callbacks: Array<() => void> = []
  const keepAlive = setInterval(() => write(':\n\n'), KEEP_ALIVE_MS)
  keepAlive.unref()
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(keepAlive)
    clearTimeout(stalled)
    for (const callback of callbacks.splice(0)) callback()
  }
  const cut = (why: string) => {
    onCut(`${res.writableLength} bytes unread ${why}`)
    close()
    res.destroy()
  }
  res.on('drain', () => {
    clearTimeout(stalled)
    stalled = undefined
  })
  res.on('close', close)
  res.on('error', close)
  function write(chunk: string): void {
    if (closed || res.writableEnded || res.destroyed) return
    res.write(chunk)
    if (res.writableLength > LISTEN_BUFFER_HARD_MAX_BYTES) {
      cut(`(limit ${LISTEN_BUFFER_HARD_MAX_BYTES})`)
    } else if (res.writableLength > LISTEN_BUFFER_MAX_BYTES && stalled === undefined) {
      stalled = setTimeout(() => {
        stalled = undefined
        if (res.writableLength > LISTEN_BUFFER_MAX_BYTES) cut(`after ${LISTEN_STALL_MS} ms (limit ${LISTEN_BUFFER_MAX_BYTES})`)
      }, LISTEN_STALL_MS)
      stalled.unref()
    }
  }
  return {
    write,
    end() {
      if (!closed) res.end()
      close()
    },
    onClose(callback) {
      if (closed) callback()
      else callbacks.push(callback)
    },
  }
}
