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

/**
 * Walks the log's deletions from the newest: a family (published id and its draft) that exists
 * in neither form now was last changed by its newest deletion. Only deletions are walked, and
 * only the reported documents are read: walking whole transactions read every revision's
 * documents, the whole log's, for one page of a few deletions.
 */
function deletedDocuments(dataset: Dataset, limit: number): DeletedDocument[] {
  const decided = new Set<string>()
  const deleted: DeletedDocument[] = []
  for (const deletion of dataset.deletions()) {
    const kind = idKind(deletion.id)
    if (kind !== 'published' && kind !== 'draft') continue
    const family = publishedId(deletion.id)
    if (decided.has(family)) continue
    decided.add(family)
    if (dataset.exists(family) || dataset.exists(`drafts.${family}`)) continue
    const before = deletion.before()
    if (!before) continue
    deleted.push(describe(family, before, deletion.timestamp, deletion.author, deletion.transactionId))
    if (deleted.length >= limit) break
  }
  return deleted
}

function describe(id: string, doc: LakeDocument, deletedAt: string, deletedBy: string, transactionId: string): DeletedDocument {
  const title = [doc.title, doc.name].find((value) => typeof value === 'string')
  return {id, type: doc._type, title: typeof title === 'string' ? title : '', deletedAt, deletedBy, transactionId}
}
