/**
 * A server-sent-events response (listen.ts, live.ts) as a `ReadableStream`, with keep-alives and
 * backpressure: a client that leaves more than LISTEN_BUFFER_MAX_BYTES unread for LISTEN_STALL_MS,
 * or more than LISTEN_BUFFER_HARD_MAX_BYTES at once, is cut off; EventSource clients reconnect.
 * Whoever reads the stream (serve.ts for a socket) cancels it when its client goes away.
 */
import type {LakeResponse} from '../routeTypes.ts'

/** Keep-alive comment interval; proxies and browsers drop idle streams after ~30-60 s. */
const KEEP_ALIVE_MS = 15_000

/**
 * Backpressure: a client that stops reading must not make the lake hold every event in memory.
 * Past LISTEN_BUFFER_MAX_BYTES unread (queued in the stream, or held by its reader, which takes
 * only what its socket accepts) the client has LISTEN_STALL_MS to read it all (a reading client drains a burst
 * of events well within that); past LISTEN_BUFFER_HARD_MAX_BYTES the stream is closed at once,
 * whatever the time.
 */
export const LISTEN_BUFFER_MAX_BYTES = 4 * 1024 * 1024
export const LISTEN_BUFFER_HARD_MAX_BYTES = 32 * 1024 * 1024
export const LISTEN_STALL_MS = 5_000

const utf8 = new TextEncoder()

/** The writing side of an open event stream. */
export interface EventStream {
  /** Writes one chunk (nothing once closed); may cut the stream off (backpressure). Bytes may be shared by streams. */
  write(chunk: string | Uint8Array): void
  /** Ends the response normally. */
  end(): void
  /** Called once when the stream closes for any reason. */
  onClose(callback: () => void): void
}

/**
 * An event stream and the response that carries it; `onCut` hears why a slow client was cut off.
 */
export function openEventStream(onCut: (why: string) => void): {events: EventStream; response: LakeResponse} {
  let closed = false
  let stalled: NodeJS.Timeout | undefined
  const callbacks: Array<() => void> = []
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(keepAlive)
    clearTimeout(stalled)
    for (const callback of callbacks.splice(0)) callback()
  }
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  // Sizes of the chunks written and not known to be read: queued, or the one the reader holds.
  let pending: number[] = []
  // A high-water mark of 0 bytes: `desiredSize` is minus the bytes queued and not yet read.
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => void (controller = c),
      // The reader asks for more once it wrote out all it took and the queue is empty: nothing is unread.
      pull() {
        pending = []
        clearTimeout(stalled)
        stalled = undefined
      },
      cancel: close,
    },
    new ByteLengthQueuingStrategy({highWaterMark: 0}),
  )
  /**
   * The bytes queued plus the chunk the reader holds: a reader (serve.ts) takes the next chunk
   * only once its socket took the previous one, so every earlier chunk is out.
   */
  const unread = () => {
    const queued = -(controller?.desiredSize ?? 0)
    let taken = pending.reduce((sum, size) => sum + size, 0) - queued
    while (pending.length > 1 && taken - (pending[0] ?? 0) > 0) taken -= pending.shift() ?? 0
    return queued + Math.max(taken, 0)
  }
  const cut = (why: string) => {
    onCut(`${unread()} bytes unread ${why}`)
    close()
    controller?.error(new Error(`event stream cut off: ${why}`))
  }
  function write(chunk: string | Uint8Array): void {
    if (closed) return
    const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk
    pending.push(bytes.byteLength)
    controller?.enqueue(bytes)
    if (unread() > LISTEN_BUFFER_HARD_MAX_BYTES) {
      cut(`(limit ${LISTEN_BUFFER_HARD_MAX_BYTES})`)
    } else if (unread() > LISTEN_BUFFER_MAX_BYTES && stalled === undefined) {
      stalled = setTimeout(() => {
        stalled = undefined
        if (unread() > LISTEN_BUFFER_MAX_BYTES) cut(`after ${LISTEN_STALL_MS} ms (limit ${LISTEN_BUFFER_MAX_BYTES})`)
      }, LISTEN_STALL_MS)
      stalled.unref()
    }
  }
  const keepAlive = setInterval(() => write(':\n\n'), KEEP_ALIVE_MS)
  keepAlive.unref()
  const events: EventStream = {
    write,
    end() {
      if (!closed) controller?.close()
      close()
    },
    onClose(callback) {
      if (closed) callback()
      else callbacks.push(callback)
    },
  }
  const headers = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  }
  return {events, response: {headers, body}}
}
