/**
 * One line per revision of a document family (the published document, its draft, its release
 * versions): which of them changed and how, in an editor's words. Pure: takes the transactions
 * with each document's state before and after, returns rows and text.
 */
import {idKind, releaseOf} from '../../../lake/ids.ts'
import {describeChanges} from './describe.ts'
import type {Json} from './text.ts'

/** One document's states around one transaction. */
export interface DocumentChange {
  id: string
  before: Json | null
  after: Json | null
}

/** One transaction of the family, with the published document as it was just before it. */
export interface FamilyTransaction {
  transactionId: string
  timestamp: string
  author: string
  /** The published document before this transaction (also when the transaction left it alone). */
  publishedBefore: Json | null
  changes: DocumentChange[]
}

/** A revision as `npm run history` prints it. */
export interface RevisionRow {
  transactionId: string
  timestamp: string
  author: string
  /** `published`, `draft` or `release <id>`: what the editor was working on. */
  document: string
  summary: string[]
}

/** `drafts.x` → draft, `versions.r.x` → release r, else published. */
export function documentLabel(id: string): string {
  const kind = idKind(id)
  if (kind === 'version') return `release ${releaseOf(id)}`
  return kind === 'draft' ? 'draft' : 'published'
}

/** Describes one transaction of the family (see the module comment). */
export function describeTransaction(tx: FamilyTransaction): RevisionRow {
  const row = (document: string, summary: string[]) => ({
    transactionId: tx.transactionId,
    timestamp: tx.timestamp,
    author: tx.author,
    document,
    summary: summary.length ? summary : ['saved, nothing an editor sees changed'],
  })
  const published = tx.changes.find((change) => documentLabel(change.id) === 'published')
  const others = tx.changes.filter((change) => change !== published)
  const gone = others.find((change) => change.before && !change.after)
  if (published?.after) {
    const from = gone ? `published from the ${documentLabel(gone.id)}` : 'published'
    if (!published.before) return row('published', [from])
    return row('published', [from, ...describeChanges(published.before, published.after)])
  }
  if (published?.before) {
    const kept = others.find((change) => change.after)
    return row('published', [kept ? `unpublished (kept as ${documentLabel(kept.id)})` : 'deleted'])
  }
  const [change] = others
  if (!change) return row('published', [])
  const label = documentLabel(change.id)
  if (!change.before && change.after) {
    const created = label === 'draft' ? 'draft created' : `added to ${label}`
    // A new document's fields are all new: naming each one says nothing.
    return row(label, tx.publishedBefore ? [created, ...describeChanges(tx.publishedBefore, change.after)] : [created])
  }
  if (change.before && !change.after) return row(label, [label === 'draft' ? 'draft discarded' : `removed from ${label}`])
  return row(label, describeChanges(change.before ?? {}, change.after ?? {}))
}

/** The rows as aligned text: revision, time, author, document, then what changed. */
export function formatRevisionRows(rows: RevisionRow[]): string {
  const table = [
    ['revision', 'time (UTC)', 'author', 'document', 'what changed'],
    ...rows.map((r) => [r.transactionId, r.timestamp.slice(0, 19).replace('T', ' '), r.author, r.document, r.summary.join('; ')]),
  ]
  const widths = [0, 1, 2, 3].map((column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)))
  return table.map((cells) => cells.map((cell, i) => (i < 4 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ').trimEnd()).join('\n')
}
