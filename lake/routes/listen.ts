/**
 * `GET /data/listen/:dataset`: the realtime listener, as server-sent events.
 */
import {randomUUID} from 'node:crypto'

import {LakeError} from '../errors.ts'
import {encodeMutationEvents, eventsKey, heardChanges, parseListenOptions, type HeardChange, type ListenOptions} from '../listen.ts'
import type {Dataset, Transaction} from '../types.ts'
import type {LakeResponse, Route} from '../routeTypes.ts'
import {existingDataset} from './access.ts'
import {AnonymousPlaces} from './anonymousPlaces.ts'
import {openEventStream, type EventStream} from './eventStream.ts'
import {AnonymousFilterBudget, COSTLY_FILTER_BLOCK_MS, COSTLY_FILTER_MS, filterKey} from './listenBudget.ts'

/** The listen route; spread into the route registry. */
export const listenRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/listen/:dataset',
    handle(req, ctx) {
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const options = parseListenOptions(req.query, req.apiVersion, req.identity)
      if (req.identity) return serveListener(dataset, options, ctx.log, null).response
      let budget = filterBudgets.get(ctx.lake)
      if (!budget) filterBudgets.set(ctx.lake, (budget = new AnonymousFilterBudget()))
      const key = filterKey(options.query, options.params)
      if (budget.isBlocked(key)) throw new LakeError(400, COSTLY_FILTER_REFUSED)
      const free = anonymousListeners.take(ctx.lake)
      const {stream, response} = serveListener(dataset, options, ctx.log, {budget, key})
      stream.onClose(free)
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
const anonymousListeners = new AnonymousPlaces(
  ANONYMOUS_LISTENERS_MAX,
  `Too many anonymous listeners are open (${ANONYMOUS_LISTENERS_MAX}); close some, retry shortly or use a token`,
)
/** What anonymous listeners' filters may cost a write, per lake (listenBudget.ts). */
const filterBudgets = new WeakMap<object, AnonymousFilterBudget>()

const COSTLY_FILTER_MESSAGE =
  `This listener's filter took more than ${COSTLY_FILTER_MS} ms on one change, which every write waits for: ` +
  'it is closed; listen with a narrower filter, or with a token'
const COSTLY_FILTER_REFUSED =
  `This filter took more than ${COSTLY_FILTER_MS} ms on one change, so anonymous listeners may not use it for ` +
  `${COSTLY_FILTER_BLOCK_MS / 60_000} minutes: listen with a narrower filter, or with a token`

/**
 * The encoded events of each transaction, by eventsKey: listeners that would get the same text
 * share one encoding and one buffer. Without it, each of N listeners (anonymous ones too) cost a
 * write its own JSON and bytes of the document, and a large document held the main thread and
 * N copies of it in memory.
 */
const encodedEvents = new WeakMap<Transaction, Map<string, Uint8Array>>()

/**
 * Streams `options`' events of `dataset`; `anonymous` (null for a token holder) is the budget its
 * filter draws on and the key it is refused by.
 */
function serveListener(
  dataset: Dataset,
  options: ListenOptions,
  log: (message: string) => void,
  anonymous: {budget: AnonymousFilterBudget; key: string} | null,
): {stream: EventStream; response: LakeResponse} {
  const {events: stream, response} = openEventStream((why) => log(`listener on ${dataset.name} closed: ${why}`))
  stream.write(`event: welcome\ndata: ${JSON.stringify({listenerName: `L${randomUUID()}`})}\n\n`)
  const unsubscribe = dataset.subscribe((tx) => {
    let heard: HeardChange[]
    if (anonymous) {
      const measured = anonymous.budget.run(tx, () => heardChanges(tx, options))
      // Closed unheard: its client reconnects, as after any dropped stream, and reads again.
      if (measured.kind === 'over budget') return void stream.end()
      if (measured.kind === 'costly') {
        anonymous.budget.block(anonymous.key)
        stream.write(`event: channelError\ndata: ${JSON.stringify({message: COSTLY_FILTER_MESSAGE})}\n\n`)
        return void stream.end()
      }
      heard = measured.value
    } else {
      heard = heardChanges(tx, options)
    }
    const bytes = eventsOf(tx, options, heard)
    if (bytes) stream.write(bytes)
    // Deleted: its client reconnects, to a 404 or to the dataset made again under its name.
  }, () => stream.end())
  stream.onClose(unsubscribe)
  return {stream, response}
}

/** The SSE text of the events one listener hears of in `tx` (`heard`), encoded once for all listeners alike; null for none. */
function eventsOf(tx: Transaction, options: ListenOptions, heard: HeardChange[]): Uint8Array | null {
  if (!heard.length) return null
  let byKey = encodedEvents.get(tx)
  if (!byKey) encodedEvents.set(tx, (byKey = new Map()))
  const key = eventsKey(options, heard)
  let bytes = byKey.get(key)
  if (!bytes) {
    bytes = encodeMutationEvents(tx, options, heard)
    byKey.set(key, bytes)
  }
  return bytes
}
