/**
 * A document's revisions, read through the history API (`data/history/.../transactions`), for
 * the local lake and a hosted project alike.
 */
import type {SanityClient} from '@sanity/client'

/** One revision of one document (the published id or its draft). */
export interface Revision {
  transactionId: string
  timestamp: string
  author: string
  documentId: string
  operation: 'create' | 'update' | 'delete'
}

interface LogLine {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects?: Record<string, {apply: unknown[]; revert: unknown[]}>
  error?: {description?: string}
}

/**
 * The revisions of `documentId` and its draft, oldest first.
 * @throws Error when the history API answers with an error.
 */
export async function fetchRevisions(client: SanityClient, documentId: string): Promise<Revision[]> {
  const {dataset, token} = client.config()
  const ids = documentId.startsWith('drafts.') ? [documentId] : [documentId, `drafts.${documentId}`]
  const path = `/data/history/${dataset}/transactions/${ids.map(encodeURIComponent).join(',')}`
  const query = 'excludeContent=true&excludeMutations=true&includeIdentifiedDocumentsOnly=true&effectFormat=mendoza'
  const response = await fetch(`${client.getUrl(path)}?${query}`, {
    headers: token ? {authorization: `Bearer ${token}`} : {},
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`History request failed (${response.status}): ${text.slice(0, 300)}`)
  const lines = text.split('\n').filter(Boolean).map((line): LogLine => JSON.parse(line))
  return lines.flatMap((line) => {
    if (line.error) throw new Error(`History API error: ${line.error.description ?? JSON.stringify(line.error)}`)
    return line.documentIDs.map((id) => ({
      transactionId: line.id,
      timestamp: line.timestamp,
      author: line.author,
      documentId: id,
      operation: operationOf(line.effects?.[id]),
    }))
  })
}

/** Whole-null effects mean the document appeared (revert) or vanished (apply). */
function operationOf(effects: {apply: unknown[]; revert: unknown[]} | undefined): Revision['operation'] {
  if (effects && effects.apply[0] === 0 && effects.apply[1] === null) return 'delete'
  if (effects && effects.revert[0] === 0 && effects.revert[1] === null) return 'create'
  return 'update'
}

/** The revisions as an aligned text table. */
export function formatRevisions(revisions: Revision[]): string {
  const rows = [
    ['transaction', 'time', 'author', 'document', 'operation'],
    ...revisions.map((r) => [r.transactionId, r.timestamp, r.author, r.documentId, r.operation]),
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n')
}
