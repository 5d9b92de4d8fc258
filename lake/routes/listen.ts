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

/** The listen route; spread into the route registry. */
export const listenRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/listen/:dataset',
    handle(req, ctx) {
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const options = parseListenOptions(req.query, req.apiVersion, req.identity)
      return {stream: (res) => serveListener(res, dataset, options, req)}
    },
  },
]

function serveListener(
  res: ServerResponse,
  dataset: Dataset,
  options: ListenOptions,
  req: LakeRequest,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    ...corsHeaders(req.headers),
  })
  const write = (chunk: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(chunk)
  }
  write(`event: welcome\ndata: ${JSON.stringify({listenerName: `L${randomUUID()}`})}\n\n`)
  const unsubscribe = dataset.subscribe((tx) => {
    for (const event of buildMutationEvents(tx, options)) {
      write(`id: ${event.eventId}\nevent: mutation\ndata: ${JSON.stringify(event)}\n\n`)
    }
  })
  const keepAlive = setInterval(() => write(':\n\n'), KEEP_ALIVE_MS)
  keepAlive.unref()
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(keepAlive)
    unsubscribe()
  }
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
