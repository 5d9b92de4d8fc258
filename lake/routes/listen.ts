/**
 * `GET /data/listen/:dataset`: the realtime listener, as server-sent events.
 */
import {randomUUID} from 'node:crypto'
import type {ServerResponse} from 'node:http'

import {buildMutationEvents, parseListenOptions, type ListenOptions} from '../listen.ts'
import type {Dataset, LakeRequest, Route} from '../types.ts'
import {existingDataset} from './access.ts'
import {openEventStream} from './eventStream.ts'

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
  const stream = openEventStream(res, req.headers, (why) => log(`listener on ${dataset.name} closed: ${why}`))
  stream.write(`event: welcome\ndata: ${JSON.stringify({listenerName: `L${randomUUID()}`})}\n\n`)
  const unsubscribe = dataset.subscribe((tx) => {
    for (const event of buildMutationEvents(tx, options)) {
      stream.write(`id: ${event.eventId}\nevent: mutation\ndata: ${JSON.stringify(event)}\n\n`)
    }
  })
  stream.onClose(unsubscribe)
}
