/**
 * `GET /data/listen/:dataset`: the realtime listener, as server-sent events.
 */
import {randomUUID} from 'node:crypto'

import {buildMutationEvents, eventsKey, heardChanges, parseListenOptions, type ListenOptions} from '../listen.ts'
import type {Dataset, Transaction} from '../types.ts'
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

/**
 * The encoded events of each transaction, by eventsKey: listeners that would get the same text
 * share one encoding and one buffer. Without it, each of N listeners (anonymous ones too) cost a
 * write its own JSON and bytes of the document, and a large document held the main thread and
 * N copies of it in memory.
 */
const encodedEvents = new WeakMap<Transaction, Map<string, Uint8Array>>()
const utf8 = new TextEncoder()

function serveListener(dataset: Dataset, options: ListenOptions, log: (message: string) => void): LakeResponse {
  const {events: stream, response} = openEventStream((why) => log(`listener on ${dataset.name} closed: ${why}`))
  stream.write(`event: welcome\ndata: ${JSON.stringify({listenerName: `L${randomUUID()}`})}\n\n`)
  const unsubscribe = dataset.subscribe((tx) => {
    const bytes = eventsOf(tx, options)
    if (bytes) stream.write(bytes)
  })
  stream.onClose(unsubscribe)
  return response
}

/** The SSE text of the events one listener hears of in `tx`, encoded once for all listeners alike; null for none. */
function eventsOf(tx: Transaction, options: ListenOptions): Uint8Array | null {
  const heard = heardChanges(tx, options)
  if (!heard.length) return null
  let byKey = encodedEvents.get(tx)
  if (!byKey) encodedEvents.set(tx, (byKey = new Map()))
  const key = eventsKey(options, heard)
  let bytes = byKey.get(key)
  if (!bytes) {
    const text = buildMutationEvents(tx, options, heard).map((event) => `id: ${event.eventId}\nevent: mutation\ndata: ${JSON.stringify(event)}\n\n`)
    bytes = utf8.encode(text.join(''))
    byKey.set(key, bytes)
  }
  return bytes
}
