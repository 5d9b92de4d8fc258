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
import {applyTransaction, type CommitResult} from './applyTransaction.ts'
import {candidates, countMatches, eachCandidate, type IndexedDatabase} from './candidates.ts'
import {FieldIndexes, orderSql, type OrderExpressions} from './fieldIndexes.ts'
import {Checkpointer} from './checkpointer.ts'
import {GroupCommit} from './groupCommit.ts'
import {Statistics} from './statistics.ts'
import {readChangeHeads, readDeletions, readTransactions, readDocumentAt} from './readTransactions.ts'
import {openDocumentSnapshot} from './snapshotRead.ts'
import {startsWith, Where} from './where.ts'
import type {
  ChangeHead,
  CommitOptions,
  Constraints,
  Dataset,
  Deletion,
  DocumentSnapshot,
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

export class SqliteDataset implements Dataset, IndexedDatabase {
  readonly name: string
  readonly db: DatabaseSync
  readonly file: string
  #listeners = new Set<(transaction: Transaction) => void>()
  /** What subscribers asked to be told when the dataset closes. */
  #onClose = new Set<() => void>()
  #closed = false
  #statements = new Map<string, StatementSync>()
  #indexes: FieldIndexes
  #group: GroupCommit
  #checkpointer: Checkpointer
  #statistics: Statistics
  #queryIds: QueryIdsResolver

  /**
   * `queryIds` resolves the queries of `delete`/`patch` mutations (queryIds.ts): the query layer's,
   * handed in by openLake so that the store imports nothing of it.
   */
  constructor(name: string, db: DatabaseSync, queryIds: QueryIdsResolver) {
    this.name = name
    this.db = db
    this.file = db.location() ?? ''
    this.#statistics = new Statistics(db)
    this.#indexes = new FieldIndexes(db, (name) => this.#statistics.analyze(name))
    this.#checkpointer = new Checkpointer(db, this.file)
    this.#group = new GroupCommit(db, () => this.#afterCommit())
    this.#queryIds = queryIds
  }

  /** Closes the dataset's connections (the checkpoint worker's first). */
  close(): void {
    if (this.#closed) return
    this.#group.flushNow()
    this.#closed = true
    for (const closed of [...this.#onClose]) closed()
    this.#statistics.beforeClose()
    this.#checkpointer.close()
    this.db.close()
  }

  #afterCommit(): void {
    this.#checkpointer.afterCommit()
    this.#statistics.afterCommit()
  }

  /** Whether checkpoints run on their own thread, and how many ran there (tests). */
  get checkpoints(): {running: boolean; count: number} {
    return {running: this.#checkpointer.running, count: this.#checkpointer.checkpoints}
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

  exists(id: string): boolean {
    return this.sql('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined
  }

  get(id: string): LakeDocument | null {
    const row = this.sql('SELECT json FROM documents WHERE id = ?').get(id)
    return row ? (JSON.parse(String(row.json)) as LakeDocument) : null
  }

  getMany(ids: string[]): Array<LakeDocument | null> {
    return ids.map((id) => this.get(id))
  }

  transact(plan: (reader: TransactionReader) => Mutation[], options: CommitOptions): CommitResult {
    this.#assertOpen()
    const id = transactionIdOf(options)
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const transaction = applyTransaction(this, {id, plan, options, queryIds: this.#queryIds})
      this.db.exec(options.dryRun ? 'ROLLBACK' : 'COMMIT')
      if (!options.dryRun) {
        this.#afterCommit()
        this.#notify(transaction)
      }
      return transaction
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw asLakeError(error)
    }
  }

  transactGrouped(plan: (reader: TransactionReader) => Mutation[], options: CommitOptions): Promise<CommitResult> {
    if (options.dryRun) return new Promise((resolve) => resolve(this.transact(plan, options)))
    return new Promise<string>((resolve) => resolve(transactionIdOf(options))).then((id) => {
      this.#assertOpen()
      return this.#group.enqueue(
        () => {
          try {
            return applyTransaction(this, {id, plan, options, queryIds: this.#queryIds})
          } catch (error) {
            throw asLakeError(error)
          }
        },
        (transaction) => this.#notify(transaction),
      )
    })
  }

  /**
   * A write that reaches a closed dataset: it was deleted while the write's request was under
   * way (a store error on a closed connection otherwise).
   */
  #assertOpen(): void {
    if (this.#closed) throw new LakeError(404, `Dataset "${this.name}" not found`)
  }

  subscribe(listener: (transaction: Transaction) => void, closed?: () => void): () => void {
    this.#listeners.add(listener)
    if (closed) this.#onClose.add(closed)
    return () => {
      this.#listeners.delete(listener)
      if (closed) this.#onClose.delete(closed)
    }
  }

  transactions(query: HistoryQuery): Transaction[] {
    return readTransactions(this, query)
  }

  changeHeads(family: string): ChangeHead[] {
    return readChangeHeads(this, family)
  }

  deletions(): Iterable<Deletion> {
    return readDeletions(this)
  }

  documentAt(id: string, at: {revision: string} | {time: string}): LakeDocument | null {
    return readDocumentAt(this, id, at)
  }

  *scan(filter: {types?: string[]; ids?: string[]; idPrefixes?: string[]} = {}): Iterable<LakeDocument> {
    const where = new Where()
    if (filter.types) where.in('type', filter.types)
    if (filter.ids) where.in('id', filter.ids)
    if (filter.idPrefixes) {
      const ranges = filter.idPrefixes.map((prefix) => startsWith('id', prefix))
      where.add(`(${ranges.map((range) => range.sql).join(' OR ') || '0'})`, ...ranges.flatMap((range) => range.args))
    }
    const text = `SELECT json FROM documents ${where.sql()} ORDER BY id`
    for (const row of this.db.prepare(text).iterate(...where.args)) yield JSON.parse(String(row.json)) as LakeDocument
  }

  openSnapshot(filter: {types?: string[]; publishedOnly?: boolean} = {}): DocumentSnapshot {
    return openDocumentSnapshot(this.file, filter)
  }

  count(): number {
    return Number(this.sql('SELECT count(*) AS n FROM documents').get()?.n)
  }

  candidates(perspective: Perspective, constraints: Constraints, order?: OrderHint): LakeDocument[] {
    return candidates(this, perspective, constraints, order)
  }

  eachCandidate(perspective: Perspective, constraints: Constraints): Iterable<LakeDocument> {
    return eachCandidate(this, perspective, constraints)
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
