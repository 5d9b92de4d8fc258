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
import {logEntry} from '../historyReads.ts'
import type {Route} from '../routeTypes.ts'
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
      // `fromTransaction` is inclusive in the store: one more row, the one resumed after.
      const transactions = dataset.transactions(after ? {fromTransaction: after, limit: limit + 1} : {limit})
      if (after && transactions[0]?.id !== after) throw new LakeError(404, `Transaction "${after}" not found`)
      const lines = transactions
        .slice(after ? 1 : 0)
        .map((tx) => `${JSON.stringify(logEntry(tx, {effectFormat: 'mendoza', excludeMutations: true}))}\n`)
      return {headers: {'Content-Type': 'application/x-ndjson'}, text: lines.join('')}
    },
  },
]
