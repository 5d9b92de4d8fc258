/**
 * One dataset in one SQLite file: current documents, the transaction log and per-document
 * revisions. Writes are synchronous SQLite transactions, so a commit is atomic with respect to
 * the event loop and to other processes; listeners hear about it after COMMIT, in commit order.
 * `transactGrouped` (the HTTP path) shares one SQLite commit between the transactions queued in
 * one event-loop turn (see groupCommit.ts); `transact` commits on its own.
 */
import type {DatabaseSync, StatementSync} from 'node:sqlite'
import {diskFullError, isDiskFull, LakeError, mutationError} from '../errors.ts'
import {randomId} from '../ids.ts'
import {applyMutations, type MutationResult} from '../applyMutations.ts'
import {candidates, countMatches, type IndexedDatabase} from './candidates.ts'
import {FieldIndexes, orderSql, type OrderExpressions} from './fieldIndexes.ts'
import {GroupCommit} from './groupCommit.ts'
import {writeTransaction} from './writeTransaction.ts'
import {checkReferences} from './references.ts'
import {readTransactions, readDocumentAt} from './readTransactions.ts'
import {Where} from './where.ts'
import type {
  CommitOptions,
  Constraints,
  Dataset,
  DocumentChange,
  HistoryQuery,
  IndexWish,
  LakeDocument,
  Mutation,
  OrderHint,
  Perspective,
  QueryIdsResolver,
  Transaction,
  TransactionReader,
} from '../types.ts'

/** A committed (or dry-run) transaction with the per-mutation results `data/mutate` returns. */
export interface CommitResult extends Transaction {
  results: MutationResult[]
}

interface Pending {
  before: LakeDocument | null
  after: LakeDocument | null
  mutations: Mutation[]
  /** Index of the last of the transaction's mutations that wrote the document. */
  index: number
}

export class SqliteDataset implements Dataset, IndexedDatabase {
  readonly name: string
  readonly db: DatabaseSync
  readonly file: string
  #listeners = new Set<(transaction: Transaction) => void>()
  #statements = new Map<string, StatementSync>()
  #indexes: FieldIndexes
  #group: GroupCommit
  #queryIds: QueryIdsResolver

  /**
   * `queryIds` resolves the queries of `delete`/`patch` mutations (queryIds.ts): the query layer's,
   * handed in by openLake so that the store imports nothing of it.
   */
  constructor(name: string, db: DatabaseSync, queryIds: QueryIdsResolver) {
    this.name = name
    this.db = db
    this.file = db.location() ?? ''
    this.#indexes = new FieldIndexes(db)
    this.#group = new GroupCommit(db)
    this.#queryIds = queryIds
  }

  /** A cached prepared statement. */
  sql(text: string): StatementSync {
    let statement = this.#statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.#statements.set(text, statement)
    }
    return statement
  }

  get(id: string): LakeDocument | null {
    const row = this.sql('SELECT json FROM documents WHERE id = ?').get(id)
    return row ? (JSON.parse(String(row.json)) as LakeDocument) : null
  }

  getMany(ids: string[]): Array<LakeDocument | null> {
    return ids.map((id) => this.get(id))
  }

  transact(plan: (reader: TransactionReader) => Mutation[], options: CommitOptions): CommitResult {
    const id = transactionIdOf(options)
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const transaction = this.#apply(id, plan, options)
      this.db.exec(options.dryRun ? 'ROLLBACK' : 'COMMIT')
      if (!options.dryRun) this.#notify(transaction)
      return transaction
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw asLakeError(error)
    }
  }

  transactGrouped(plan: (reader: TransactionReader) => Mutation[], options: CommitOptions): Promise<CommitResult> {
    if (options.dryRun) return new Promise((resolve) => resolve(this.transact(plan, options)))
    return new Promise<string>((resolve) => resolve(transactionIdOf(options))).then((id) =>
      this.#group.enqueue(
        () => {
          try {
            return this.#apply(id, plan, options)
          } catch (error) {
            throw asLakeError(error)
          }
        },
        (transaction) => this.#notify(transaction),
      ),
    )
  }

  /** Applies and (unless dry run) records one transaction inside the open SQLite transaction. */
  #apply(id: string, plan: (reader: TransactionReader) => Mutation[], options: CommitOptions): CommitResult {
    const pending = new Map<string, Pending>()
    const current = (docId: string) => (pending.has(docId) ? pending.get(docId)!.after : this.get(docId))
    const timestamp = this.#nextTimestamp()
    if (this.sql('SELECT 1 FROM transactions WHERE id = ?').get(id)) {
      throw mutationError(409, `Transaction ID "${id}" has already been used`)
    }
    const mutations = plan({get: current})
    const results = applyMutations(mutations, {
      get: current,
      queryIds: (query, params) =>
        this.#queryIds(
          {
            candidates: (constraints) => overlay(this.candidates({kind: 'raw'}, constraints), pending),
            all: () => overlay(this.scan(), pending),
          },
          query,
          params,
        ),
      put: (docId, doc, mutation, index) => {
        const entry = pending.get(docId) ?? {before: this.get(docId), after: null, mutations: [], index}
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
    checkReferences(
      [...pending].map(([docId, entry]) => ({id: docId, ...entry})),
      {
        exists: (docId) => this.sql('SELECT 1 FROM documents WHERE id = ?').get(docId) !== undefined,
        referencing: (docId) => this.sql('SELECT source FROM refs WHERE target = ?').all(docId).map((row) => String(row.source)),
      },
    )
    const seqRow = this.sql('SELECT coalesce(max(seq), 0) + 1 AS seq FROM transactions').get()
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
    if (!options.dryRun) writeTransaction((text) => this.sql(text), transaction)
    return transaction
  }

  subscribe(listener: (transaction: Transaction) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  transactions(query: HistoryQuery): Transaction[] {
    return readTransactions(this, query)
  }

  documentAt(id: string, at: {revision: string} | {time: string}): LakeDocument | null {
    return readDocumentAt(this, id, at)
  }

  *scan(filter: {types?: string[]; ids?: string[]; idPrefixes?: string[]} = {}): Iterable<LakeDocument> {
    const where = new Where()
    if (filter.types) where.in('type', filter.types)
    if (filter.ids) where.in('id', filter.ids)
    if (filter.idPrefixes) {
      const prefixes = filter.idPrefixes
      where.add(`(${prefixes.map(() => 'substr(id, 1, ?) = ?').join(' OR ') || '0'})`, ...prefixes.flatMap((prefix) => [prefix.length, prefix]))
    }
    const text = `SELECT json FROM documents ${where.sql()} ORDER BY id`
    for (const row of this.db.prepare(text).iterate(...where.args)) yield JSON.parse(String(row.json)) as LakeDocument
  }

  count(): number {
    return Number(this.sql('SELECT count(*) AS n FROM documents').get()?.n)
  }

  candidates(perspective: Perspective, constraints: Constraints, order?: OrderHint): LakeDocument[] {
    return candidates(this, perspective, constraints, order)
  }

  countMatches(perspective: Perspective, constraints: Constraints): number {
    return countMatches(this, perspective, constraints)
  }

  lastSeq(): number {
    return Number(this.sql('SELECT coalesce(max(seq), 0) AS seq FROM transactions').get()?.seq)
  }

  transactionIdAt(seq: number): string | null {
    const id = this.sql('SELECT id FROM transactions WHERE seq = ?').get(seq)?.id
    return typeof id === 'string' ? id : null
  }

  /** The order key's SQL when the lake has made its index (see `ensureIndexes`). */
  orderExpressions(path: string[]): OrderExpressions | null {
    const order = orderSql(path)
    return order && this.#indexes.has({kind: 'order', path}) ? order : null
  }

  hasMemberIndex(path: string[]): boolean {
    return this.#indexes.has({kind: 'member', path})
  }

  /** See `Dataset.ensureIndexes`; the bound is fieldIndexes.ts's. */
  ensureIndexes(wishes: IndexWish[]): string[] {
    // A full disk leaves the query unindexed rather than failing a read.
    return unlessDiskFull(() => this.#indexes.ensure(wishes)) ?? []
  }

  /** Now, or the last commit's time if the clock went back: history by time needs monotonic stamps. */
  #nextTimestamp(): string {
    const now = new Date().toISOString()
    const last = this.sql('SELECT timestamp FROM transactions ORDER BY seq DESC LIMIT 1').get()?.timestamp
    return typeof last === 'string' && last > now ? last : now
  }

  #notify(transaction: Transaction): void {
    for (const listener of this.#listeners) {
      try {
        listener(transaction)
      } catch {
        // A failing listener must not undo or hide a committed transaction from the others.
      }
    }
  }
}

/** Committed documents with the transaction's pending writes applied (written documents last). */
function overlay(documents: Iterable<LakeDocument>, pending: Map<string, Pending>): LakeDocument[] {
  const result: LakeDocument[] = []
  for (const doc of documents) if (!pending.has(doc._id)) result.push(doc)
  for (const entry of pending.values()) if (entry.after) result.push(entry.after)
  return result
}

function transactionIdOf(options: CommitOptions): string {
  const id = options.transactionId ?? randomId()
  if (typeof id !== 'string' || id === '' || id.length > 200) throw mutationError(400, 'Invalid transaction ID')
  return id
}

/** A query must not fail because an index could not be created: without it, the query scans. */
function unlessDiskFull<T>(make: () => T | null): T | null {
  try {
    return make()
  } catch (error) {
    if (isDiskFull(error)) return null
    throw error
  }
}

function asLakeError(error: unknown): LakeError {
  if (error instanceof LakeError) return error
  if (isDiskFull(error)) return diskFullError()
  return mutationError(400, `The mutation could not be applied: ${(error as Error).message}`)
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
