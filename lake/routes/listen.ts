/**
 * `GET /data/listen/:dataset`: the realtime listener, as server-sent events.
 */
import {randomUUID} from 'node:crypto'

import {buildMutationEvents, parseListenOptions, type ListenOptions} from '../listen.ts'
import type {Dataset} from '../types.ts'
import type {LakeResponse, Route} from '../routeTypes.ts'
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
      return serveListener(dataset, options, ctx.log)
    },
  },
]

function serveListener(dataset: Dataset, options: ListenOptions, log: (message: string) => void): LakeResponse {
  const {events: stream, response} = openEventStream((why) => log(`listener on ${dataset.name} closed: ${why}`))
  stream.write(`event: welcome\ndata: ${JSON.stringify({listenerName: `L${randomUUID()}`})}\n\n`)
  const unsubscribe = dataset.subscribe((tx) => {
    for (const event of buildMutationEvents(tx, options)) {
      stream.write(`id: ${event.eventId}\nevent: mutation\ndata: ${JSON.stringify(event)}\n\n`)
    }
  })
  stream.onClose(unsubscribe)
  return response
}
