/**
 * `GET /data/history/:dataset/transactions` (no ids): the whole dataset's transaction log as
 * NDJSON, oldest first, each line `{id, timestamp, author, documentIDs, effects}` with mendoza
 * effects per document, as the History API gives them for named documents. A local-lake
 * extension (hosted Sanity asks for document ids): `npm run snapshot -- --git` replays it into
 * commits. `fromTransaction` (exclusive here: the entries after it) resumes a replay. Needs a token.
 * The log comes in pages of at most `limit` entries (PAGE_DEFAULT, at most PAGE_MAX): a whole log
 * held at once, documents and effects, could take more memory than the lake has. A page shorter
 * than `limit` is the last; the next starts after the last entry read.
 */
import {LakeError} from '../errors.ts'
import {logEntry, transactionsAfter} from '../historyReads.ts'
import type {Route} from '../routeTypes.ts'
import type {Dataset, Transaction} from '../types.ts'
import {existingDataset, requireIdentity} from './access.ts'
import {positiveInt} from './dataHistory.ts'

/** Entries per page when `limit` is not given, and the most a page may ask for. */
export const PAGE_DEFAULT = 1000
export const PAGE_MAX = 10_000

/** The route; spread into the route registry. */
export const transactionLogRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/history/:dataset/transactions',
    handle(req, ctx) {
      requireIdentity(req, 'History')
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const after = req.query.get('fromTransaction')
      const limit = positiveInt(req.query.get('limit'), 'limit') ?? PAGE_DEFAULT
      // Refused, not cut down: a client that got fewer entries than it asked for takes it for the last page.
      if (limit > PAGE_MAX) throw new LakeError(400, `"limit" is at most ${PAGE_MAX} entries per page, got ${limit}`)
      // `fromTransaction` is inclusive in the store: the entry resumed after is read to find where it is.
      const resumed = after ? dataset.transactions({fromTransaction: after, limit: 1})[0] : undefined
      if (after && resumed?.id !== after) throw new LakeError(404, `Transaction "${after}" not found`)
      return {headers: {'Content-Type': 'application/x-ndjson'}, body: logLines(dataset, resumed ?? null, limit)}
    },
  },
]

const utf8 = new TextEncoder()

/**
 * The page's lines, one transaction read and encoded each time the reader asks for more. A page of
 * 1,000 transactions read, effects computed and joined into one text at once held the main thread
 * 18 s and took 2 GB for a log of 3 MB documents (and a larger log passes what a string can hold).
 */
function logLines(dataset: Dataset, after: Transaction | null, limit: number): ReadableStream<Uint8Array> {
  let last = after
  let left = limit
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = left > 0 ? transactionsAfter(dataset, last, {}, 1)[0] : undefined
        if (!next) return controller.close()
        left -= 1
        last = next
        controller.enqueue(utf8.encode(`${JSON.stringify(logEntry(next, {effectFormat: 'mendoza', excludeMutations: true}))}\n`))
      },
    },
    {highWaterMark: 0},
  )
}
