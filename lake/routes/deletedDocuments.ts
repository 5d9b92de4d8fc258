/**
 * `GET /data/history/:dataset/deleted[?limit=100]`: the documents that were deleted and are gone
 * (neither the published document nor its draft exists now), newest deletion first, with who
 * deleted them and when: what `npm run history -- deleted` lists and `restore` brings back. A
 * local-lake extension of the History API (hosted Sanity has no such list); needs a token.
 */
import {idKind, publishedId} from '../ids.ts'
import type {Dataset, LakeDocument} from '../types.ts'
import type {Route} from '../routeTypes.ts'
import {existingDataset, requireIdentity} from './access.ts'
import {positiveInt} from './dataHistory.ts'

/** One deleted document. */
export interface DeletedDocument {
  id: string
  type: string
  title: string
  deletedAt: string
  deletedBy: string
  /** The transaction that deleted it; the document as it was just before is its last revision. */
  transactionId: string
}

const DEFAULT_LIMIT = 100

/** The route; spread into the route registry. */
export const deletedDocumentsRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/history/:dataset/deleted',
    handle(req, ctx) {
      requireIdentity(req, 'History')
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const limit = positiveInt(req.query.get('limit'), 'limit') ?? DEFAULT_LIMIT
      return {json: {documents: deletedDocuments(dataset, limit)}}
    },
  },
]

/** Walks the log from the newest transaction; each family is decided by its latest change. */
function deletedDocuments(dataset: Dataset, limit: number): DeletedDocument[] {
  const decided = new Set<string>()
  const deleted: DeletedDocument[] = []
  for (const tx of dataset.transactions({reverse: true})) {
    for (const change of tx.changes) {
      const kind = idKind(change.id)
      if (kind !== 'published' && kind !== 'draft') continue
      const family = publishedId(change.id)
      if (decided.has(family)) continue
      decided.add(family)
      if (change.after || !change.before || dataset.get(family) || dataset.get(`drafts.${family}`)) continue
      deleted.push(describe(family, change.before, tx.timestamp, tx.author, tx.id))
      if (deleted.length >= limit) return deleted
    }
  }
  return deleted
}

function describe(id: string, doc: LakeDocument, deletedAt: string, deletedBy: string, transactionId: string): DeletedDocument {
  const title = [doc.title, doc.name].find((value) => typeof value === 'string')
  return {id, type: doc._type, title: typeof title === 'string' ? title : '', deletedAt, deletedBy, transactionId}
}
