/**
 * One transaction applied inside the open SQLite transaction: the plan's mutations over the
 * documents as the transaction sees them (its own pending writes included), references checked
 * at the end, and, unless it is a dry run, its rows written (writeTransaction.ts).
 */
import type {StatementSync} from 'node:sqlite'
import {applyMutations, type MutationResult} from '../applyMutations.ts'
import {documentJson} from '../documentLimits.ts'
import {mutationError} from '../errors.ts'
import type {
  CommitOptions,
  Constraints,
  DocumentChange,
  LakeDocument,
  Mutation,
  Perspective,
  QueryIdsResolver,
  Transaction,
  TransactionReader,
} from '../types.ts'
import {checkReferences} from './references.ts'
import {checkReleaseRules} from './releaseRules.ts'
import {startsWith} from './where.ts'
import {writeTransaction} from './writeTransaction.ts'

/** A committed (or dry-run) transaction with the per-mutation results `data/mutate` returns. */
export interface CommitResult extends Transaction {
  results: MutationResult[]
}

/** What applying a transaction reads from its dataset. */
export interface TransactionSource {
  /** A cached prepared statement. */
  sql(text: string): StatementSync
  get(id: string): LakeDocument | null
  /** Whether the document exists (its JSON is not read). */
  exists(id: string): boolean
  scan(): Iterable<LakeDocument>
  candidates(perspective: Perspective, constraints: Constraints): LakeDocument[]
}

/** One transaction to apply: its id, the plan that yields its mutations, and how to resolve mutation queries. */
export interface TransactionWork {
  id: string
  plan: (reader: TransactionReader) => Mutation[]
  options: CommitOptions
  queryIds: QueryIdsResolver
}

interface Pending {
  before: LakeDocument | null
  after: LakeDocument | null
  mutations: Mutation[]
  /** Index of the last of the transaction's mutations that wrote the document. */
  index: number
}

/**
 * Applies and (unless dry run) records one transaction; the caller owns the SQLite transaction.
 * @throws LakeError 409 for a transaction id already used, and whatever the mutations throw.
 */
export function applyTransaction(dataset: TransactionSource, work: TransactionWork): CommitResult {
  const {id, options} = work
  const pending = new Map<string, Pending>()
  const current = (docId: string) => (pending.has(docId) ? (pending.get(docId)?.after ?? null) : dataset.get(docId))
  const timestamp = nextTimestamp(dataset)
  if (dataset.sql('SELECT 1 FROM transactions WHERE id = ?').get(id)) {
    throw mutationError(409, `Transaction ID "${id}" has already been used`)
  }
  const mutations = work.plan({get: current})
  const results = applyMutations(mutations, {
    get: current,
    queryIds: (query, params) =>
      work.queryIds(
        {
          candidates: (constraints) => overlay(dataset.candidates({kind: 'raw'}, constraints), pending),
          all: () => overlay(dataset.scan(), pending),
        },
        query,
        params,
      ),
    put: (docId, doc, mutation, index) => {
      const entry = pending.get(docId) ?? {before: dataset.get(docId), after: null, mutations: [], index}
      entry.after = doc
      entry.index = index
      entry.mutations.push(mutation)
      pending.set(docId, entry)
    },
    transactionId: id,
    timestamp,
    autoGenerateArrayKeys: options.autoGenerateArrayKeys ?? false,
    refuseSystemDocuments: options.refuseSystemDocuments ?? false,
  })
  const writes = [...pending].map(([docId, entry]) => ({id: docId, ...entry}))
  checkReferences(writes, {
    exists: (docId) => dataset.exists(docId),
    referencing: (docId) => dataset.sql('SELECT source FROM refs WHERE target = ?').all(docId).map((row) => String(row.source)),
  })
  checkReleaseRules(writes, {
    get: current,
    idsWithPrefix: (prefix) => idsWithPrefix(dataset, pending, prefix),
    bytesWithPrefix: (prefix) => bytesWithPrefix(dataset, pending, prefix),
  })
  const seqRow = dataset.sql('SELECT coalesce(max(seq), 0) + 1 AS seq FROM transactions').get()
  const transaction = {
    id,
    seq: Number(seqRow?.seq),
    timestamp,
    author: options.author,
    mutations,
    changes: [...pending]
      .filter(([, entry]) => entry.before !== null || entry.after !== null)
      .map(([docId, entry]) => toChange(docId, entry)),
    results,
  }
  if (!options.dryRun) writeTransaction((text) => dataset.sql(text), transaction)
  return transaction
}

/** Now, or the last commit's time if the clock went back: history by time needs monotonic stamps. */
function nextTimestamp(dataset: TransactionSource): string {
  const now = new Date().toISOString()
  const last = dataset.sql('SELECT timestamp FROM transactions ORDER BY seq DESC LIMIT 1').get()?.timestamp
  return typeof last === 'string' && last > now ? last : now
}

/** Ids starting with `prefix` as the transaction leaves them (a range of the id index, then the pending writes). */
function idsWithPrefix(dataset: TransactionSource, pending: Map<string, Pending>, prefix: string): string[] {
  const range = startsWith('id', prefix)
  const ids = new Set(dataset.sql(`SELECT id FROM documents WHERE ${range.sql}`).all(...range.args).map((row) => String(row.id)))
  for (const [id, entry] of pending) {
    if (!id.startsWith(prefix)) continue
    if (entry.after) ids.add(id)
    else ids.delete(id)
  }
  return [...ids]
}

/**
 * The JSON bytes of the documents whose id starts with `prefix`, before the transaction and as it
 * leaves them: stored ones by `octet_length` (SQLite reads the size from the row's header, not the
 * text), written ones by the JSON the size check made.
 */
function bytesWithPrefix(dataset: TransactionSource, pending: Map<string, Pending>, prefix: string): {before: number; after: number} {
  const range = startsWith('id', prefix)
  let before = 0
  let after = 0
  for (const row of dataset.sql(`SELECT id, octet_length(json) AS n FROM documents WHERE ${range.sql}`).iterate(...range.args)) {
    before += Number(row.n)
    if (!pending.has(String(row.id))) after += Number(row.n)
  }
  for (const [id, entry] of pending) if (id.startsWith(prefix) && entry.after) after += Buffer.byteLength(documentJson(entry.after))
  return {before, after}
}

/** Committed documents with the transaction's pending writes applied (written documents last). */
function overlay(documents: Iterable<LakeDocument>, pending: Map<string, Pending>): LakeDocument[] {
  const result: LakeDocument[] = []
  for (const doc of documents) if (!pending.has(doc._id)) result.push(doc)
  for (const entry of pending.values()) if (entry.after) result.push(entry.after)
  return result
}

function toChange(id: string, entry: Pending): DocumentChange {
  const operation = entry.before === null ? 'create' : entry.after === null ? 'delete' : 'update'
  return {
    id,
    operation,
    previousRev: entry.before?._rev ?? null,
    before: entry.before,
    after: entry.after,
    mutations: entry.mutations,
  }
}
