/**
 * The git commit message of one transaction, from the change summary `npm run history` prints:
 * one line per document family it touched, the first as the subject. Pure.
 */
import {publishedId, releaseIdOfDocument} from '../../../lake/ids.ts'
import {describeTransaction, type DocumentChange} from '../history/revisions.ts'
import type {Json} from '../history/text.ts'

/** The trailer naming the transaction a commit replays (`git log --format=%(trailers)` reads it). */
export const TRAILER = 'Lake-Transaction'

/**
 * Subject, body lines and trailer for a transaction. `publishedBefore(family)` is the published
 * document before the transaction (what a new draft is compared with).
 */
export function commitMessage(transactionId: string, changes: DocumentChange[], publishedBefore: (family: string) => Json | null): string[] {
  const families = new Map<string, DocumentChange[]>()
  for (const change of changes) {
    const family = publishedId(change.id)
    families.set(family, [...(families.get(family) ?? []), change])
  }
  const lines = [...families].map(([family, familyChanges]) => {
    const releaseId = releaseIdOfDocument(family)
    if (releaseId !== null) {
      const [change] = familyChanges
      return `release ${releaseId}: ${change?.after ? String(change.after.state ?? 'saved') : 'deleted'}`
    }
    const row = describeTransaction({transactionId, timestamp: '', author: '', publishedBefore: publishedBefore(family), changes: familyChanges})
    return `${family}${row.document === 'published' ? '' : ` (${row.document})`}: ${row.summary.join('; ')}`
  })
  const [first = 'no documents'] = lines
  const subject = lines.length > 1 ? `${first} (+${lines.length - 1} more)` : first
  return [subject, ...(lines.length > 1 ? [lines.join('\n')] : []), `${TRAILER}: ${transactionId}`]
}
