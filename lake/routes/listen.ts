/**
 * `GET /data/listen/:dataset`: the realtime listener, as server-sent events.
 */
import {randomUUID} from 'node:crypto'
import type {IncomingHttpHeaders, ServerResponse} from 'node:http'

import {buildMutationEvents, parseListenOptions, type ListenOptions} from '../listen.ts'
import type {Dataset, LakeRequest, Route} from '../types.ts'
import {existingDataset} from './access.ts'

/** Keep-alive comment interval; proxies and browsers drop idle streams after ~30-60 s. */
const KEEP_ALIVE_MS = 15_000

/**
 * Backpressure: a client that stops reading must not make the lake hold every event in memory.
 * Past LISTEN_BUFFER_MAX_BYTES unread (in the response and its socket) the client has
 * LISTEN_STALL_MS to read it all (a reading client drains a burst of events well within that);
 * past LISTEN_BUFFER_HARD_MAX_BYTES the stream is closed at once, whatever the time. A closed
 * client reconnects (EventSource and @sanity/client do).
 */
export const LISTEN_BUFFER_MAX_BYTES = 4 * 1024 * 1024
export const LISTEN_BUFFER_HARD_MAX_BYTES = 32 * 1024 * 1024
export const LISTEN_STALL_MS = 5_000

/** The listen route; spread into the route registry. */
export const listenRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/listen/:dataset',
    handle(req, ctx) {
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const options = parseListenOptions(req.query, req.apiVersion, req.identity)
      return {stream: (res) => serveListener(res, dataset, options, req, ctx.log)}
    },
  },
]

function serveListener(
  res: ServerResponse,
  dataset: Dataset,
  options: ListenOptions,
  req: LakeRequest,
  log: (message: string) => void,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...corsHeaders(req.headers),
  })
  let closed = false
  let unsubscribe = () => {}
  let stalled: NodeJS.Timeout | undefined
  const keepAlive = setInterval(() => write(':\n\n'), KEEP_ALIVE_MS)
  keepAlive.unref()
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(keepAlive)
    clearTimeout(stalled)
    unsubscribe()
  }
  const cut = (why: string) => {
    log(`listener on ${dataset.name} closed: ${res.writableLength} bytes unread ${why}`)
    close()
    // Destroying drops what the response and its socket buffered; the client sees the stream end.
    res.destroy()
  }
  // 'drain': everything buffered reached the kernel, so the client reads.
  res.on('drain', () => {
    clearTimeout(stalled)
    stalled = undefined
  })
  const write = (chunk: string) => {
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
  write(`event: welcome\ndata: ${JSON.stringify({listenerName: `L${randomUUID()}`})}\n\n`)
  unsubscribe = dataset.subscribe((tx) => {
    for (const event of buildMutationEvents(tx, options)) {
      write(`id: ${event.eventId}\nevent: mutation\ndata: ${JSON.stringify(event)}\n\n`)
    }
  })
  res.on('close', close)
  res.on('error', close)
}

/** CORS for the stream; the handler's headers may not reach a response written by hand. */
function corsHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const origin = headers.origin
  if (!origin) return {}
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  }
}
