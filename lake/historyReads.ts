/**
 * History reads: documents as they were, and the transaction log (`data/history/...`).
 * Pure functions over a `Dataset`; the HTTP side lives in `routes/dataHistory.ts`.
 */
import {computeEffects, type MendozaEffects} from './effects.ts'
import {publishedId} from './ids.ts'
import type {Dataset, HistoryQuery, LakeDocument, Mutation, Transaction} from './types.ts'

/** Where in history to read a document. */
export type HistoryPoint = {revision: string} | {time: string} | {lastRevision: true}

/** One NDJSON line of the transaction log. */
export interface TransactionLogEntry {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects?: Record<string, MendozaEffects>
  mutations?: Mutation[]
}

export interface TransactionLogOptions extends HistoryQuery {
  /** Only report the documents asked for, even when a transaction touched others. */
  includeIdentifiedDocumentsOnly?: boolean
  effectFormat?: 'mendoza' | null
  excludeMutations?: boolean
  /** Strip document bodies from the mutations, keeping their kind and target id. */
  excludeContent?: boolean
}

/** The documents as they were at `point`; ids that did not exist then are left out. */
export function documentsAt(dataset: Dataset, ids: string[], point: HistoryPoint): LakeDocument[] {
  const documents: LakeDocument[] = []
  for (const id of ids) {
    const doc = 'lastRevision' in point ? lastRevision(dataset, id) : (dataset.documentAt(id, point) ?? asVersionViewShowed(dataset, id, point))
    if (doc) documents.push(doc)
  }
  return documents
}

/**
 * A draft or release version that did not exist at `point`, as its view in the Studio showed it
 * then: the published document (under the version's id). The Studio's history of a draft lists
 * the published document's events too (its creation by an import, say) and opens each one as the
 * draft at that revision.
 */
function asVersionViewShowed(dataset: Dataset, id: string, point: {revision: string} | {time: string}): LakeDocument | null {
  const published = publishedId(id)
  if (published === id) return null
  const doc = dataset.documentAt(published, point)
  return doc ? {...doc, _id: id} : null
}

/**
 * The last version of a document that existed: the current one, or the one a delete removed,
 * read from the newest transaction that touched it alone (reading them all read every revision).
 */
export function lastRevision(dataset: Dataset, id: string): LakeDocument | null {
  const current = dataset.get(id)
  if (current) return current
  const [newest] = dataset.transactions({ids: [id], reverse: true, limit: 1})
  const change = newest?.changes.find((candidate) => candidate.id === id)
  return change?.after ?? change?.before ?? null
}

/** Transactions read per page of `transactionLogPages`, at most. */
export const LOG_PAGE_SIZE = 16
/** A page that took longer than this (ms) is followed by a page of one transaction. */
const LOG_PAGE_MS = 20

/**
 * The transaction log entries for transactions that touched `ids`, per the options, a page at a
 * time: a log asked for without a limit is read as it is sent, not held whole (each entry can carry
 * whole documents). The first page is one transaction, and each next one twice the last, up to
 * `pageSize`, while pages stay quick: a page is read whole before it is sent, and 16 transactions
 * of 3 MB documents with their effects held the main thread 1.9 s. The log is read as far as its
 * newest transaction when the first page is read: what is written while it is read is not in it.
 */
export function* transactionLogPages(dataset: Dataset, ids: string[], options: TransactionLogOptions, pageSize = LOG_PAGE_SIZE): Generator<TransactionLogEntry[]> {
  const {includeIdentifiedDocumentsOnly, effectFormat, excludeMutations, excludeContent, limit, ...query} = options
  const wanted = new Set(ids)
  const newest = dataset.transactionIdAt(dataset.lastSeq())
  // The log as it is now: a forward read would otherwise never end while writes keep coming.
  if (!query.reverse && query.toTransaction === undefined && newest !== null) query.toTransaction = newest
  let left = limit ?? Infinity
  let size = 1
  let last: Transaction | null = null
  while (left > 0) {
    const started = performance.now()
    const page = transactionsAfter(dataset, last, {...query, ids}, Math.min(left, size))
    if (page.length === 0) return
    left -= page.length
    last = page[page.length - 1] ?? null
    const only = includeIdentifiedDocumentsOnly ? wanted : null
    const entries = page.map((tx) => logEntry(tx, {only, effectFormat, excludeMutations, excludeContent}))
    size = performance.now() - started > LOG_PAGE_MS ? 1 : Math.min(pageSize, size * 2)
    yield entries
  }
}

/**
 * The transactions of `query` after `last` in its order (before it when `query.reverse`), at most
 * `limit`; from the start with `last` null. The store's bounds are inclusive: the read starts at
 * the neighbour of `last` by sequence number (they follow each other), or where there is none at
 * `last` itself, read again and dropped.
 */
export function transactionsAfter(dataset: Dataset, last: Transaction | null, query: HistoryQuery, limit: number): Transaction[] {
  if (last === null) return dataset.transactions({...query, limit})
  const neighbour = dataset.transactionIdAt(query.reverse ? last.seq - 1 : last.seq + 1)
  const bound = neighbour ?? last.id
  const extra = neighbour === null ? 1 : 0
  return dataset.transactions({...query, ...(query.reverse ? {toTransaction: bound} : {fromTransaction: bound}), limit: limit + extra}).slice(extra)
}

/**
 * One transaction as a line of the log: of the documents in `only` when given (the others it
 * touched left out, mutations too), with mendoza effects when asked for.
 */
export function logEntry(
  tx: Transaction,
  options: {only?: ReadonlySet<string> | null} & Pick<TransactionLogOptions, 'effectFormat' | 'excludeMutations' | 'excludeContent'>,
): TransactionLogEntry {
  const {only, effectFormat, excludeMutations, excludeContent} = options
  const changes = only ? tx.changes.filter((change) => only.has(change.id)) : tx.changes
  const entry: TransactionLogEntry = {
    id: tx.id,
    timestamp: tx.timestamp,
    author: tx.author,
    documentIDs: changes.map((change) => change.id),
  }
  if (effectFormat === 'mendoza') {
    entry.effects = Object.fromEntries(changes.map((change) => [change.id, computeEffects(change.before, change.after)]))
  }
  if (!excludeMutations) {
    const mutations = only ? changes.flatMap((change) => change.mutations) : tx.mutations
    entry.mutations = excludeContent ? mutations.map(stripContent) : mutations
  }
  return entry
}

/** `{create: {...doc}}` becomes `{create: {_id, _type}}`; patches keep only their target. */
function stripContent(mutation: Mutation): Mutation {
  const stripped: Mutation = {}
  for (const [kind, body] of Object.entries(mutation)) {
    if (typeof body !== 'object' || body === null) continue
    const record = body as Record<string, unknown>
    const kept: Record<string, unknown> = {}
    for (const key of ['_id', '_type', 'id', 'query']) if (key in record) kept[key] = record[key]
    stripped[kind] = kept
  }
  return stripped
}
