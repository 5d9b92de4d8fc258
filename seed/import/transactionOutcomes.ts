/**
 * What the seed can say about a transaction that failed. When the lake answered (any HTTP status)
 * or could not even be connected to, nothing of it was written. When the request was sent and the
 * connection was lost before the answer (the lake stopped, a network drop), it may or may not have
 * been committed: the seed asks the lake afterwards, when it answers again, whether the
 * transaction's id is the revision of a document it wrote (a transaction's id is the `_rev` of
 * every document it writes). Re-running the seed repairs either way: it plans against what the
 * dataset holds.
 */
import type {SanityClient} from '@sanity/client'

import {SeedError} from '../parse/seedError.ts'
import type {ImportCounts} from './importCounts.ts'
import {revisionsQuery} from './seedQueries.ts'

/** Connection errors raised before any byte of the request could reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

/** A transaction sent whose answer never came. */
export interface UnknownOutcome {
  file: string
  articleId: string
  /** The id the seed gave the transaction (`transactionId` in the mutate body). */
  transactionId: string
  /** A document only this transaction writes in this run: its `_rev` tells whether it committed. */
  documentId: string
  mutations: number
  /** The connection error, as a sentence fragment. */
  reason: string
}

/** The HTTP status the lake answered a failed request with, or null when it did not answer. */
function answeredStatus(error: unknown): number | null {
  return typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : null
}

/**
 * True when the lake answered the transaction with an error status: it refused it as a whole,
 * so nothing of it was written. A 429 (a hosted project's rate limit) is no refusal of what the
 * transaction holds: sent again in pieces, it would only ask the limit more often.
 */
export function refusedByLake(error: unknown): boolean {
  const status = answeredStatus(error)
  return status !== null && status !== 429
}

/** True when the error says nothing of the request was written: the lake answered it, or was never reached. */
export function nothingWritten(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  if (answeredStatus(error) !== null) return true
  return 'code' in error && typeof error.code === 'string' && NOT_SENT_CODES.has(error.code)
}

/**
 * Asks the lake which of the unknown transactions committed, and records each in `result`:
 * committed ones as transactions, the others as errors (not written, or still unknown when the
 * lake does not answer).
 */
export async function settleUnknownOutcomes(
  client: SanityClient,
  unknown: UnknownOutcome[],
  result: {counts: ImportCounts; errors: SeedError[]},
): Promise<void> {
  if (unknown.length === 0) return
  const revisions = await client
    .fetch(revisionsQuery, {ids: unknown.map((entry) => entry.documentId)}, {perspective: 'raw'})
    .then((docs) => new Map(docs.map((doc) => [doc._id, doc._rev])))
    .catch(() => null)
  /** The articles of one transaction share its id: it counts once. */
  const committed = new Set<string>()
  for (const entry of unknown) {
    const lost = `the connection to the lake was lost after the transaction for ${entry.articleId} was sent (${entry.reason})`
    if (revisions === null) {
      result.counts.unknownArticles++
      result.errors.push(new SeedError(entry.file, 0,
        `${lost}; the lake does not answer, so whether it was written is unknown: run the seed again, it writes what is missing`))
    } else if (revisions.get(entry.documentId) === entry.transactionId) {
      if (!committed.has(entry.transactionId)) result.counts.transactions++
      committed.add(entry.transactionId)
      result.counts.mutations += entry.mutations
    } else {
      result.errors.push(new SeedError(entry.file, 0, `${lost}; the lake has not written it (checked): run the seed again`))
    }
  }
}
