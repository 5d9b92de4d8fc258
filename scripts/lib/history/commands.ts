/**
 * The `npm run history` commands over a client: list, diff, restore, deleted. Each returns the
 * lines to print; `scripts/history.ts` owns argv and exit codes.
 */
import type {SanityClient} from '@sanity/client'
import {diffDocuments} from './diff.ts'
import {fetchDeleted, fetchFamilyHistory, fetchLastRevisions, resolveDocumentId} from './fetchHistory.ts'
import {referencedIds, withoutMissingReferences} from './references.ts'
import {revisionDocument} from './revisionDocument.ts'
import {describeTransaction, formatRevisionRows, type FamilyTransaction} from './revisions.ts'
import type {Json} from './text.ts'
import {terminalLine, type MarkStyle} from './wordDiff.ts'

/**
 * `history <id|slug>`: one line per revision, what changed in words.
 * @throws Error when the family has no revisions: a mistyped id is an error, not an empty history.
 */
export async function listCommand(client: SanityClient, idOrSlug: string): Promise<string[]> {
  const id = await resolveDocumentId(client, idOrSlug)
  const transactions = await fetchFamilyHistory(client, id)
  if (transactions.length === 0) throw new Error(`no revisions of ${id} in dataset "${client.config().dataset}": check the id or slug, and --dataset`)
  return [`History of ${id}, oldest first`, formatRevisionRows(transactions.map(describeTransaction)), `${transactions.length} revision(s)`]
}

/** `history diff <id> <revA> [<revB>|draft|published]`: field by field (revB: the draft, else the published document). */
export async function diffCommand(client: SanityClient, idOrSlug: string, from: string, to: string | undefined, style: MarkStyle): Promise<string[]> {
  const id = await resolveDocumentId(client, idOrSlug)
  const transactions = await fetchFamilyHistory(client, id)
  const before = await documentAt(client, id, transactions, from)
  const after = await documentAt(client, id, transactions, to ?? 'current')
  const lines = diffDocuments(before.doc, after.doc, style)
  return [`${id}: ${before.label} → ${after.label}`, ...(lines.length ? lines : ['No differences an editor would see.'])]
}

/** `history restore <id> [<rev>]`: that revision (or a deleted document's last one) becomes the draft. */
export async function restoreCommand(client: SanityClient, idOrSlug: string, revision: string | undefined): Promise<string[]> {
  const id = await resolveDocumentId(client, idOrSlug)
  const existing: Json[] = await client.fetch('*[_id in [$id, "drafts." + $id]]{_id}', {id}, {perspective: 'raw'})
  let content: Json
  let label: string
  if (revision) {
    const found = await documentAt(client, id, await fetchFamilyHistory(client, id), revision)
    ;({doc: content, label} = found)
  } else {
    if (existing.length > 0) throw new Error(`${id} is not deleted: name the revision to restore (npm run history -- ${id} lists them)`)
    const lasts = await fetchLastRevisions(client, [id, `drafts.${id}`])
    const last = lasts.find((doc) => doc._id === id) ?? lasts[0]
    if (!last) throw new Error(`${id} has no history here: nothing to restore`)
    content = last
    label = `its last revision ${String(last._rev)}`
  }
  const refs = [...referencedIds(content)]
  const present: string[] = refs.length ? await client.fetch('*[_id in $ids]._id', {ids: refs}, {perspective: 'raw'}) : []
  const {doc: restorable, removed} = withoutMissingReferences(content, new Set(present))
  const {_id, _rev, _updatedAt, _createdAt, ...fields} = restorable
  const attributes = {...fields, _id: `drafts.${id}`, _type: String(content._type)}
  const action =
    existing.length > 0
      ? {actionType: 'sanity.action.document.replaceDraft' as const, publishedId: id, attributes}
      : {actionType: 'sanity.action.document.create' as const, publishedId: id, attributes, ifExists: 'fail' as const}
  const result = await client.action(action)
  const how = existing.length > 0 ? 'replaced the draft' : 'created the draft (the document was deleted)'
  const dropped = removed.length ? [`Left out references to documents that no longer exist: ${[...new Set(removed)].sort().join(', ')}`] : []
  return [`Restored ${id} from ${label}: ${how} in transaction ${result.transactionId}. Publish it in the Studio when it is right.`, ...dropped]
}

/** `history deleted`: deleted documents, newest first, with who deleted them and when. */
export async function deletedCommand(client: SanityClient): Promise<string[]> {
  const deleted = await fetchDeleted(client)
  if (deleted.length === 0) return ['No deleted documents.']
  const table = [
    ['id', 'type', 'deleted (UTC)', 'by', 'title'],
    // An Arabic title is isolated, as diff lines are: its closing '?' or ')' stays on its left end.
    ...deleted.map((doc) => [doc.id, doc.type, doc.deletedAt.slice(0, 19).replace('T', ' '), doc.deletedBy, terminalLine(doc.title)]),
  ]
  const widths = [0, 1, 2, 3].map((column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)))
  const lines = table.map((cells) => cells.map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ').trimEnd())
  return [...lines, `${deleted.length} deleted document(s); bring one back as a draft with: npm run history -- restore <id>`]
}

/** A revision id, `draft`, `published` or `current` (the draft, else the published document). */
async function documentAt(client: SanityClient, id: string, transactions: FamilyTransaction[], which: string): Promise<{doc: Json; label: string}> {
  if (which === 'draft' || which === 'published' || which === 'current') {
    const ids = which === 'published' ? [id] : which === 'draft' ? [`drafts.${id}`] : [`drafts.${id}`, id]
    const docs: Json[] = await client.fetch('*[_id in $ids]', {ids}, {perspective: 'raw'})
    const doc = ids.map((candidate) => docs.find((d) => d._id === candidate)).find(Boolean)
    if (!doc) throw new Error(`${id} has no ${which === 'current' ? 'draft or published document' : which} now`)
    return {doc, label: doc._id === id ? 'published' : 'draft'}
  }
  const tx = transactions.find((candidate) => candidate.transactionId === which)
  const doc = tx ? revisionDocument(tx) : null
  if (!tx || !doc) throw new Error(`${which} is not a revision of ${id} (npm run history -- ${id} lists them)`)
  return {doc, label: `revision ${which} (${tx.timestamp.slice(0, 19).replace('T', ' ')})`}
}
