/**
 * `GET /data/history/:dataset/transactions` (no ids): the whole dataset's transaction log as
 * NDJSON, oldest first, each line `{id, timestamp, author, documentIDs, effects}` with mendoza
 * effects per document, as the History API gives them for named documents. A local-lake
 * extension (hosted Sanity asks for document ids): `npm run snapshot -- --git` replays it into
 * commits. `fromTransaction` (exclusive here: the entries after it) resumes a replay. Needs a token.
 */
import {computeEffects} from '../effects.ts'
import {LakeError} from '../errors.ts'
import type {Route} from '../routeTypes.ts'
import {existingDataset, requireIdentity} from './access.ts'

/** The route; spread into the route registry. */
export const transactionLogRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/history/:dataset/transactions',
    handle(req, ctx) {
      requireIdentity(req, 'History')
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const after = req.query.get('fromTransaction')
      const transactions = dataset.transactions(after ? {fromTransaction: after} : {})
      if (after && transactions[0]?.id !== after) throw new LakeError(404, `Transaction "${after}" not found`)
      const lines = transactions.slice(after ? 1 : 0).map((tx) => {
        const effects = Object.fromEntries(tx.changes.map((change) => [change.id, computeEffects(change.before, change.after)]))
        const entry = {id: tx.id, timestamp: tx.timestamp, author: tx.author, documentIDs: tx.changes.map((change) => change.id), effects}
        return `${JSON.stringify(entry)}\n`
      })
      return {headers: {'Content-Type': 'application/x-ndjson'}, text: lines.join('')}
    },
  },
]
