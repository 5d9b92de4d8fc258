/**
 * Sync tags: what a query result depends on, in the same words the Live Content API uses to say
 * what changed, so a frontend revalidates only the pages a change can affect.
 *
 * Three kinds, each hashed into an opaque `s1:` tag as on the hosted API:
 * - `d:<published id>`: the document (any of its drafts or versions under `includeDrafts`) changed;
 *   a query carries it for every document it read (candidates of `*[...]` and dereferences);
 * - `t:<type>`: a document of that type appeared or disappeared; a query that scanned a type carries
 *   it, so a new article revalidates list pages without revalidating every article page;
 * - `T:<type>` / `all`: any change of that type / any change at all; for queries that read too many
 *   documents to name them, or that scanned the whole dataset.
 * Known gap: an update that moves an existing document INTO a filter whose candidates did not
 * include it (e.g. an indexed field changed to the filtered value) revalidates only the pages that
 * read that document.
 */
import {createHash} from 'node:crypto'
import {isPublishedId, publishedId} from './ids.ts'
import type {QueryReads} from './queryReads.ts'
import type {Transaction} from './types.ts'

/** Past this many documents read, a result carries per-type tags instead of per-document ones. */
export const MAX_DOCUMENT_TAGS = 100

/** The sync tags of a query result, sorted. */
export function syncTagsOf(reads: QueryReads): string[] {
  if (reads.everything) return [tag('all')]
  const names = [...reads.types].map((type) => `t:${type}`)
  if (reads.ids.size > MAX_DOCUMENT_TAGS) names.push(...[...reads.readTypes].map((type) => `T:${type}`))
  else names.push(...[...reads.ids].map((id) => `d:${id}`))
  return [...new Set(names.map(tag))].sort()
}

/**
 * The tags a committed transaction invalidates, for a live stream: changes to drafts and versions
 * count only with `includeDrafts` (anonymous streams never learn that a draft changed).
 */
export function transactionTags(transaction: Transaction, includeDrafts: boolean): string[] {
  const names = new Set<string>()
  for (const change of transaction.changes) {
    if (!includeDrafts && !isPublishedId(change.id)) continue
    const type = change.after?._type ?? change.before?._type ?? ''
    names.add('all').add(`d:${publishedId(change.id)}`).add(`T:${type}`)
    if (change.before === null || change.after === null) names.add(`t:${type}`)
  }
  if (names.size === 0) return []
  return [...names].map(tag).sort()
}

function tag(name: string): string {
  return `s1:${createHash('sha256').update(name).digest('base64url').slice(0, 10)}`
}
