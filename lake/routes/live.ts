/**
 * `GET /data/live/events/:dataset`: the Live Content API, as server-sent events. It tells
 * frontends which sync tags (syncTags.ts) a committed transaction invalidated.
 *
 * Event ids are transaction sequence numbers: `welcome` carries the position the stream starts
 * at, each `message` its transaction's. A client that reconnects with `Last-Event-ID` gets the
 * messages it missed (up to LIVE_REPLAY_MAX transactions back, within LIVE_REPLAY_MS_PER_SECOND);
 * an id the lake cannot resume from (not a position of this dataset, too old, or past that
 * budget) gets `restart`: refetch everything. A stream
 * older than LIVE_MAX_AGE_MS simply ends: EventSource reconnects and resumes from its id. Past
 * LIVE_MAX_CONNECTIONS open streams a new one gets `goaway` and is closed: next-sanity's
 * <SanityLive> then stops reconnecting and refreshes on an interval instead (so `goaway` is kept for
 * "the lake cannot serve more live connections", never for routine recycling). `reconnect` is what
 * @sanity/client reports by itself while its connection is down; the lake does not send it.
 */
import {transactionTags} from '../syncTags.ts'
import type {Dataset} from '../types.ts'
import type {LakeRequest, LakeResponse, Route} from '../routeTypes.ts'
import {existingDataset, requireIdentity} from './access.ts'
import {openEventStream} from './eventStream.ts'

/** How many transactions back a reconnecting client may resume from. */
export const LIVE_REPLAY_MAX = 10_000
/** A stream's lifetime; ending it frees sockets a vanished client left half-open. */
export const LIVE_MAX_AGE_MS = 30 * 60_000
/** Open live streams the lake serves at most (each holds a socket and a subscription). */
export const LIVE_MAX_CONNECTIONS = 1000

/**
 * Main-thread time all replays together may take per second, in milliseconds. A replay reads whole
 * transactions, documents included, on the thread that serves every client, and anyone may ask
 * for one: past the budget the client gets `restart` (refetch everything) instead of the rest.
 */
export const LIVE_REPLAY_MS_PER_SECOND = 100

/**
 * Transactions a replay reads at once: one, so that the budget is looked at after each. A page
 * of 16 was read whole before the first look, and 16 transactions of 3 MB documents (read with
 * their documents before and after) held the main thread 1.2 to 2.5 s per anonymous reconnect.
 */
const LIVE_REPLAY_PAGE = 1

let openStreams = 0

/**
 * The replay budget as a bucket refilled at `perSecond` ms per second, holding at most one
 * second's worth. A replay may start while it holds any time, and what it spends is taken off even
 * past zero: a replay that overran the budget (one large transaction) is paid for by the seconds
 * after it. A budget forgotten each second let a client that overran it once a second hold the
 * main thread all the time.
 */
export class ReplayBudget {
  #available: number | null = null
  #at = 0

  /** The time left at `now` (ms, any clock), at most `perSecond`; zero or less means none. */
  left(perSecond: number, now: number): number {
    const refilled = this.#available === null ? perSecond : this.#available + ((now - this.#at) * perSecond) / 1000
    this.#available = Math.min(perSecond, refilled)
    this.#at = now
    return this.#available
  }

  /** Takes `ms` off what is left (call `left` first). */
  spend(ms: number): void {
    this.#available = (this.#available ?? 0) - ms
  }
}

const replayBudget = new ReplayBudget()

/** The live events route; spread into the route registry. */
export const liveRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/live/events/:dataset',
    handle(req, ctx) {
      const includeDrafts = req.query.get('includeDrafts') === 'true'
      if (includeDrafts) requireIdentity(req, 'includeDrafts=true')
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      return serveLive(dataset, includeDrafts, req, ctx.log, ctx.liveReplayMsPerSecond ?? LIVE_REPLAY_MS_PER_SECOND)
    },
  },
]

function serveLive(dataset: Dataset, includeDrafts: boolean, req: LakeRequest, log: (m: string) => void, replayPerSecond: number): LakeResponse {
  const {events: stream, response} = openEventStream((why) => log(`live events on ${dataset.name} closed: ${why}`))
  const send = (event: string, id: number | null, data: unknown) =>
    stream.write(`${id === null ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  if (openStreams >= LIVE_MAX_CONNECTIONS) {
    send('goaway', dataset.lastSeq(), {reason: `the lake serves at most ${LIVE_MAX_CONNECTIONS} live connections`})
    stream.end()
    return response
  }
  openStreams += 1
  stream.onClose(() => (openStreams -= 1))
  // Subscribe first: a transaction committed while the backlog is read is then sent, not lost.
  const pending: Array<{seq: number; tags: string[]}> = []
  let replaying = true
  let position = 0
  const deliver = (seq: number, tags: string[]) => {
    if (seq <= position) return
    position = seq
    if (tags.length > 0) send('message', seq, {tags})
  }
  stream.onClose(
    dataset.subscribe((tx) => {
      const item = {seq: tx.seq, tags: transactionTags(tx, includeDrafts)}
      if (replaying) pending.push(item)
      else deliver(item.seq, item.tags)
    }),
  )
  const current = dataset.lastSeq()
  const lastEventId = req.headers.get('last-event-id')
  const from = resumePosition(lastEventId, current)
  if (from === null) {
    position = current
    send('welcome', current, {})
    if (lastEventId !== null) send('restart', current, {})
  } else {
    position = from
    send('welcome', null, {})
    const started = performance.now()
    const budget = replayBudget.left(replayPerSecond, started)
    let complete = budget > 0
    // A page at a time, so that the budget is looked at while the transactions are read.
    for (let next = from + 1; complete && next <= current; ) {
      const page = dataset.transactions({fromTransaction: dataset.transactionIdAt(next) ?? '', limit: LIVE_REPLAY_PAGE})
      for (const tx of page) if (tx.seq <= current) deliver(tx.seq, transactionTags(tx, includeDrafts))
      next = (page.at(-1)?.seq ?? current) + 1
      if (performance.now() - started > budget) complete = next > current
    }
    replayBudget.spend(performance.now() - started)
    if (!complete) {
      position = current
      send('restart', current, {})
    }
  }
  replaying = false
  for (const item of pending.splice(0)) deliver(item.seq, item.tags)
  const maxAge = setTimeout(() => stream.end(), LIVE_MAX_AGE_MS)
  maxAge.unref()
  stream.onClose(() => clearTimeout(maxAge))
  return response
}

/** The position to resume after, or null for a fresh start (no id, or one the lake does not know). */
function resumePosition(header: string | null, current: number): number | null {
  if (header === null || !/^(0|[1-9]\d{0,15})$/.test(header)) return null
  const seq = Number(header)
  return seq <= current && current - seq <= LIVE_REPLAY_MAX ? seq : null
}
