/**
 * A document family's history (published document, draft, release versions) read through the
 * History API (`data/history/.../transactions` with mendoza effects), so it works on the local
 * lake and on a hosted project alike; and the lake's list of deleted documents.
 */
import {publishedId} from '../../../lake/ids.ts'
import type {DeletedDocument} from '../../../lake/routes/deletedDocuments.ts'
import {ClientError, ServerError, type SanityClient} from '@sanity/client'
import {applyPatch} from 'mendoza'
import type {FamilyTransaction} from './revisions.ts'
import {isObject, type Json} from './text.ts'

interface LogLine {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects?: Record<string, {apply: unknown[]; revert: unknown[]}>
  error?: {description?: string}
}

/**
 * A document id (of the published document, its draft or a release version), or a slug: the
 * published id of the family. Both reads are ones the lake answers from its indexes (`_id in $ids`,
 * `slug.current == $slug`).
 */
export async function resolveDocumentId(client: SanityClient, idOrSlug: string): Promise<string> {
  const published = publishedId(idOrSlug)
  const byId: string[] = await client.fetch('*[_id in $ids]._id', {ids: [published, `drafts.${published}`]}, {perspective: 'raw'})
  if (byId.length > 0) return published
  const bySlug: string[] = await client.fetch('*[slug.current == $slug]._id', {slug: idOrSlug}, {perspective: 'raw'})
  const families = [...new Set(bySlug.map(publishedId))].sort()
  if (families.length > 1) throw new Error(`"${idOrSlug}" is the slug of ${families.length} documents: ${families.join(', ')}; give one id`)
  return families[0] ?? published
}

/**
 * The published id, its draft, and its version in every release the dataset has (active,
 * scheduled, published or archived: a published release's versions are gone, their history is not).
 */
export async function familyIds(client: SanityClient, id: string): Promise<string[]> {
  const releases: string[] = await client.fetch('*[_type == "system.release"].name', {}, {perspective: 'raw'})
  return [id, `drafts.${id}`, ...releases.sort().map((release) => `versions.${release}.${id}`)]
}

/** An HTTP error answer, with its status. */
export class HttpError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

/**
 * GET on the data API with the client's token; the body as text.
 * @throws HttpError for an error status.
 */
export async function getText(client: SanityClient, path: string, query = ''): Promise<string> {
  // Through the client, so that it goes wherever the client's transport sends (an embedded lake's handler included).
  try {
    return textOf(await client.request<unknown>({url: `${path}${query ? `?${query}` : ''}`}))
  } catch (error) {
    if (!(error instanceof ClientError || error instanceof ServerError)) throw error
    throw new HttpError(error.statusCode, `${path} failed (${error.statusCode}): ${textOf(error.response.body).slice(0, 300)}`)
  }
}

/** A body as the lake sent it: NDJSON and text stay text, a JSON body is serialised back. */
function textOf(body: unknown): string {
  return typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body)
}

/**
 * Every transaction of the family, oldest first, with each document's state before and after,
 * rebuilt by applying the effects in order. A history that does not start at the document's
 * creation (a hosted plan's retention) starts from the document as it was at its first kept
 * revision.
 */
export async function fetchFamilyHistory(client: SanityClient, id: string): Promise<FamilyTransaction[]> {
  const ids = await familyIds(client, id)
  const {dataset} = client.config()
  const query = 'excludeContent=true&excludeMutations=true&includeIdentifiedDocumentsOnly=true&effectFormat=mendoza'
  const text = await getText(client, `/data/history/${dataset}/transactions/${ids.map(encodeURIComponent).join(',')}`, query)
  const states = new Map<string, Json | null>()
  const transactions: FamilyTransaction[] = []
  for (const line of text.split('\n').filter(Boolean)) {
    const entry: LogLine = JSON.parse(line)
    if (entry.error) throw new Error(`History API error: ${entry.error.description ?? JSON.stringify(entry.error)}`)
    const publishedBefore = states.get(id) ?? null
    const changes = []
    for (const docId of entry.documentIDs) {
      const before = states.has(docId) ? (states.get(docId) ?? null) : await firstKnown(client, docId, entry)
      const after = toDocument(applyPatch(before, entry.effects?.[docId]?.apply ?? [0, before]))
      states.set(docId, after)
      changes.push({id: docId, before, after})
    }
    transactions.push({transactionId: entry.id, timestamp: entry.timestamp, author: entry.author, publishedBefore, changes})
  }
  return transactions
}

/** The state before a document's first logged transaction: none if that transaction created it. */
async function firstKnown(client: SanityClient, docId: string, entry: LogLine): Promise<Json | null> {
  const revert = entry.effects?.[docId]?.revert
  if (!revert || (revert[0] === 0 && revert[1] === null)) return null
  const {dataset} = client.config()
  const body = JSON.parse(await getText(client, `/data/history/${dataset}/documents/${encodeURIComponent(docId)}`, `revision=${entry.id}`))
  const after = isObject(body) && Array.isArray(body.documents) ? body.documents.find(isObject) : undefined
  return after ? toDocument(applyPatch(after, revert)) : null
}

function toDocument(value: unknown): Json | null {
  return isObject(value) ? value : null
}

/** The documents deleted from the dataset (none of the published document or its draft is left), newest first. */
export async function fetchDeleted(client: SanityClient): Promise<DeletedDocument[]> {
  const {dataset} = client.config()
  const text = await getText(client, `/data/history/${dataset}/deleted`).catch((error: unknown) => {
    if (!(error instanceof HttpError) || error.status !== 404 || !client.config().apiHost?.startsWith('https://api.sanity')) throw error
    throw new Error('listing deleted documents needs the local lake: hosted Sanity keeps no such list (a deleted document still comes back by id: npm run history -- restore <id>)')
  })
  const body = JSON.parse(text)
  return isObject(body) && Array.isArray(body.documents) ? body.documents : []
}

/** The last version of each id that existed (the History API's `lastRevision=true`). */
export async function fetchLastRevisions(client: SanityClient, ids: string[]): Promise<Json[]> {
  const {dataset} = client.config()
  const body = JSON.parse(await getText(client, `/data/history/${dataset}/documents/${ids.map(encodeURIComponent).join(',')}`, 'lastRevision=true'))
  return isObject(body) && Array.isArray(body.documents) ? body.documents.filter(isObject) : []
}
