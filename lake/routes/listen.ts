/**
 * `GET /data/listen/:dataset`: the realtime listener, as server-sent events.
 */
import {randomUUID} from 'node:crypto'

import {LakeError} from '../errors.ts'
import {buildMutationEvents, eventsKey, heardChanges, parseListenOptions, type ListenOptions} from '../listen.ts'
import type {Dataset, Transaction} from '../types.ts'
import type {LakeResponse, Route} from '../routeTypes.ts'
import {existingDataset} from './access.ts'
import {openEventStream, type EventStream} from './eventStream.ts'

/** The listen route; spread into the route registry. */
export const listenRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/listen/:dataset',
    handle(req, ctx) {
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const options = parseListenOptions(req.query, req.apiVersion, req.identity)
      if (req.identity) return serveListener(dataset, options, ctx.log).response
      const open = anonymousListeners.get(ctx.lake) ?? 0
      if (open >= ANONYMOUS_LISTENERS_MAX) {
        const description = `Too many anonymous listeners are open (${ANONYMOUS_LISTENERS_MAX}); close some, retry shortly or use a token`
        throw new LakeError(429, description, {error: {type: 'rateLimitError', description}})
      }
      anonymousListeners.set(ctx.lake, open + 1)
      const {stream, response} = serveListener(dataset, options, ctx.log)
      stream.onClose(() => anonymousListeners.set(ctx.lake, (anonymousListeners.get(ctx.lake) ?? 1) - 1))
      return response
    },
  },
]

/**
 * Anonymous listeners open at once, per lake. Each costs every write its filter's evaluation on
 * the main thread, and a socket buffer's worth of each large event: 1,000 paused ones held a
 * 3.8 MB write 7 s. Token holders (the Studio opens a few per tab) are not counted.
 */
export const ANONYMOUS_LISTENERS_MAX = 100
const anonymousListeners = new WeakMap<object, number>()

/**
 * The encoded events of each transaction, by eventsKey: listeners that would get the same text
 * share one encoding and one buffer. Without it, each of N listeners (anonymous ones too) cost a
 * write its own JSON and bytes of the document, and a large document held the main thread and
 * N copies of it in memory.
 */
const encodedEvents = new WeakMap<Transaction, Map<string, Uint8Array>>()
const utf8 = new TextEncoder()

function serveListener(dataset: Dataset, options: ListenOptions, log: (message: string) => void): {stream: EventStream; response: LakeResponse} {
  const {events: stream, response} = openEventStream((why) => log(`listener on ${dataset.name} closed: ${why}`))
  stream.write(`event: welcome\ndata: ${JSON.stringify({listenerName: `L${randomUUID()}`})}\n\n`)
  const unsubscribe = dataset.subscribe((tx) => {
    const bytes = eventsOf(tx, options)
    if (bytes) stream.write(bytes)
  })
  stream.onClose(unsubscribe)
  return {stream, response}
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
