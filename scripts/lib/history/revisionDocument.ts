/**
 * Which document a revision shows: what the editor was working on in that transaction. Pure.
 */
import {documentLabel, type FamilyTransaction} from './revisions.ts'
import type {Json} from './text.ts'

/**
 * The document as this transaction left it: the published one when it published, else the
 * draft or release version it changed; for a delete, the document as it was just before.
 */
export function revisionDocument(tx: FamilyTransaction): Json | null {
  const rank = (id: string) => ['published', 'draft'].indexOf(documentLabel(id)) >>> 0
  const changes = [...tx.changes].sort((a, b) => rank(a.id) - rank(b.id))
  const written = changes.find((change) => change.after)
  if (written) return written.after
  return changes.find((change) => change.before)?.before ?? null
}
