/**
 * The events API (`data/history/:dataset/events/documents/:id`): document group events derived
 * from the transaction log, shaped like the Studio's `core/store/events/types.ts`.
 *
 * A document group is the published id with its draft and release versions. Per transaction:
 * a version deleted while the published doc was written is a publish; the published doc deleted
 * while a version remains is an unpublish; everything deleted is a group delete; a new version is
 * a version creation; a published doc written without versions involved is a live create/update.
 *
 * Asked for the published id, a version created while the document already existed is left out:
 * the Studio calls a version creation in the published document's history "Created", which is
 * only true of the version the document began as (a later draft or release copy created nothing
 * the published document's reader would call a creation; publishing it is the event they see).
 */
import {isVersionId, publishedId, RELEASE_DOCUMENT_PREFIX, releaseIdOfDocument, releaseOf, versionId} from './ids.ts'
import type {ChangeHead, Dataset} from './types.ts'


/** A transaction as the events need it: who, when, and what changed how (no documents). */
interface LoggedTransaction {
  id: string
  timestamp: string
  author: string
  changes: ChangeHead[]
}

/** One event as the API sends it (the Studio adds `id` and `documentVariantType` itself). */
export type DocumentGroupEvent = Record<string, unknown> & {type: string; timestamp: string; author: string}

/** A page of events, newest first, with an opaque cursor for the next page ('' at the end). */
export interface EventsPage {
  events: Record<string, DocumentGroupEvent[]>
  nextCursor: string
}

/** The events of the group `requestedId` belongs to, newest first, paged by `limit`. */
export function documentEvents(dataset: Dataset, requestedId: string, limit: number, cursor: string): EventsPage {
  const groupId = publishedId(requestedId)
  // Members of the group that exist after each transaction (id -> rev), to tell unpublish from delete.
  const versions = new Map<string, string>()
  const forPublished = requestedId === groupId
  // The log's record of the changes, not the documents: a document edited for hours has thousands
  // of revisions, and the Studio asks for its events each time it is opened.
  const heads = dataset.changeHeads(groupId)
  const members = groupIds(dataset, groupId, heads)
  // The transactions that touched the group's ids on record, with all of the group's changes in them.
  const touched = new Set(heads.filter((head) => members.has(head.id)).map((head) => head.seq))
  const all = byTransaction(heads.filter((head) => touched.has(head.seq)))
    .flatMap((tx) => {
      const existed = versions.size > 0
      const events = eventsOf(tx, groupId, versions).filter(
        (event) => !(forPublished && existed && event.type === 'createDocumentVersion'),
      )
      for (const change of tx.changes) {
        if (publishedId(change.id) !== groupId) continue
        if (change.operation !== 'delete') versions.set(change.id, tx.id)
        else versions.delete(change.id)
      }
      return events
    })
    .reverse()
  const start = Number.parseInt(cursor, 10) || 0
  const page = all.slice(start, start + limit)
  const next = start + limit < all.length ? String(start + limit) : ''
  return {events: page.length > 0 ? {[requestedId]: page} : {}, nextCursor: next}
}

function eventsOf(tx: LoggedTransaction, groupId: string, existing: Map<string, string>): DocumentGroupEvent[] {
  const base = {timestamp: tx.timestamp, author: tx.author, documentId: groupId}
  const changes = tx.changes.filter((change) => publishedId(change.id) === groupId)
  const published = changes.find((change) => change.id === groupId)
  const versions = changes.filter((change) => change.id !== groupId)
  const removed = versions.filter((change) => change.operation === 'delete')
  const remaining = versions.filter((change) => change.operation !== 'delete')
  if (published?.operation === 'delete') {
    const kept = remaining[0]
    if (kept) return [{...base, type: 'unpublishDocument', ...versionFields(kept.id, tx.id)}]
    const removedIds = new Set(removed.map((change) => change.id))
    const untouched = [...existing].find(([id]) => id !== groupId && !removedIds.has(id))
    if (untouched) return [{...base, type: 'unpublishDocument', ...versionFields(untouched[0], untouched[1])}]
    return [{...base, type: 'deleteDocumentGroup'}]
  }
  if (published && removed.length > 0) {
    return removed.map((change) => ({
      ...base,
      type: 'publishDocumentVersion',
      revisionId: tx.id,
      ...versionFields(change.id, change.previousRev ?? tx.id),
      publishCause: isVersionId(change.id) ? 'release.publish' : 'document.publish',
    }))
  }
  if (published) {
    return [{...base, type: published.operation === 'create' ? 'createLiveDocument' : 'updateLiveDocument', revisionId: tx.id}]
  }
  return versions.flatMap((change): DocumentGroupEvent[] => {
    if (change.operation === 'create') return [{...base, type: 'createDocumentVersion', ...versionFields(change.id, tx.id)}]
    if (change.operation === 'delete') {
      const others = [...existing.keys()].filter((id) => id !== change.id && id !== groupId)
      if (others.length === 0 && !existing.has(groupId)) return [{...base, type: 'deleteDocumentGroup'}]
      return [{...base, type: 'deleteDocumentVersion', ...versionFields(change.id, change.previousRev ?? tx.id)}]
    }
    return []
  })
}

/** Heads in log order, gathered by transaction. */
function byTransaction(heads: ChangeHead[]): LoggedTransaction[] {
  const transactions: LoggedTransaction[] = []
  for (const head of heads) {
    const last = transactions[transactions.length - 1]
    if (last?.id === head.transactionId) last.changes.push(head)
    else transactions.push({id: head.transactionId, timestamp: head.timestamp, author: head.author, changes: [head]})
  }
  return transactions
}

function versionFields(versionId: string, versionRevisionId: string): Record<string, string> {
  const release = releaseOf(versionId)
  return {versionId, versionRevisionId, ...(release ? {releaseId: release} : {})}
}

/**
 * The ids the group may have had: published, draft, current versions, and a version in every
 * release still on record (versions of published or archived releases no longer exist). The
 * current versions are those whose last change in `heads` was no deletion: reading the version
 * documents for them read every release's documents, each time a document was opened.
 */
function groupIds(dataset: Dataset, groupId: string, heads: ChangeHead[]): Set<string> {
  const ids = new Set([groupId, `drafts.${groupId}`])
  const deleted = new Map<string, boolean>()
  for (const head of heads) if (isVersionId(head.id)) deleted.set(head.id, head.operation === 'delete')
  for (const [id, gone] of deleted) if (!gone) ids.add(id)
  for (const release of dataset.scan({idPrefixes: [RELEASE_DOCUMENT_PREFIX]})) {
    const releaseId = releaseIdOfDocument(release._id)
    if (releaseId !== null) ids.add(versionId(releaseId, groupId))
  }
  return ids
}
