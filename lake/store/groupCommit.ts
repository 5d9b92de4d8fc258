/**
 * Group commit: logical transactions queued in the same event-loop turn are applied inside one
 * SQLite transaction, each in its own savepoint, and made durable by one COMMIT (one WAL fsync
 * under `synchronous=FULL`). Each keeps its own id, seq and `_rev`; one that fails is rolled back
 * to its savepoint alone; none is acknowledged before the shared COMMIT returned.
 */
import type {DatabaseSync, StatementSync} from 'node:sqlite'

/**
 * Logical transactions per SQLite commit at most: bounds how long the first of a group waits and
 * how much one group holds, while 64 already makes the fsync a small share of each transaction.
 */
const MAX_GROUP = 64
/** Savepoint name of the logical transaction being applied (savepoints are not nested here). */
const SAVEPOINT = 'logical_transaction'

interface Entry {
  /** Applies one logical transaction inside the open SQLite transaction; throwing undoes only it. */
  apply(): void
  /** Settles it after the shared COMMIT (`ok`) or with the error that undid it. */
  settle(ok: boolean, error: unknown): void
}

export class GroupCommit {
  #db: DatabaseSync
  #queue: Entry[] = []
  #scheduled = false
  /** The control statements, prepared once (`exec` would parse them for every transaction). */
  #sql: Record<'begin' | 'savepoint' | 'rollbackTo' | 'release' | 'commit', StatementSync>

  #afterCommit: () => void

  /** `afterCommit` runs after each successful COMMIT (the dataset's checkpointer and statistics). */
  constructor(db: DatabaseSync, afterCommit: () => void) {
    this.#db = db
    this.#afterCommit = afterCommit
    this.#sql = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      savepoint: db.prepare(`SAVEPOINT ${SAVEPOINT}`),
      rollbackTo: db.prepare(`ROLLBACK TO ${SAVEPOINT}`),
      release: db.prepare(`RELEASE ${SAVEPOINT}`),
      commit: db.prepare('COMMIT'),
    }
  }

  /**
   * Queues `apply` for the next group. After the group's COMMIT, `committed` runs with its result
   * (in queue order, before any later group) and the promise resolves with it.
   * The promise rejects with what `apply` threw, or with the COMMIT's error (then nothing of the
   * group was written).
   */
  enqueue<T>(apply: () => T, committed: (value: T) => void): Promise<T> {
    return new Promise((resolve, reject) => {
      let value: T
      this.#queue.push({
        apply: () => {
          value = apply()
        },
        settle: (ok, error) => {
          if (!ok) return reject(error)
          committed(value)
          resolve(value)
        },
      })
      this.#schedule()
    })
  }

  /**
   * Commits what is queued now, before the connection closes (a dataset deleted, the lake
   * stopped): those writes were asked for first, and would otherwise fail on a closed connection.
   */
  flushNow(): void {
    while (this.#queue.length > 0) this.#flush()
  }

  #schedule(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    // setImmediate runs after the poll phase, so every request that arrived in this turn joins.
    setImmediate(() => this.#flush())
  }

  #flush(): void {
    this.#scheduled = false
    const group = this.#queue.splice(0, MAX_GROUP)
    if (group.length === 0) return
    if (this.#queue.length > 0) this.#schedule()
    const failed = new Map<Entry, unknown>()
    const sql = this.#sql
    // Each savepoint keeps the pages it changes, as they were, in a journal that spills to a
    // temporary file once it grows, as most transactions of a seed do, and every spill is a write
    // call. `temp_store` as the transaction begins
    // decides where that journal lives; it goes back to the default after the commit, so that
    // large sorts of other statements still spill to disk instead of filling memory. (`exec`, not
    // a prepared statement: SQLite applies this pragma when it compiles it, not when it runs it.)
    let failure: {error: unknown} | null = null
    try {
      this.#db.exec('PRAGMA temp_store = MEMORY')
      sql.begin.run()
      for (const entry of group) {
        sql.savepoint.run()
        try {
          entry.apply()
        } catch (error) {
          // SQLite rolls the whole transaction back itself on some errors (a full disk): then
          // the group is lost, and every transaction in it fails with that error.
          if (!this.#db.isTransaction) throw error
          sql.rollbackTo.run()
          failed.set(entry, error)
        }
        sql.release.run()
      }
      sql.commit.run()
    } catch (error) {
      failure = {error}
      if (this.#db.isOpen && this.#db.isTransaction) this.#db.exec('ROLLBACK')
    }
    if (this.#db.isOpen && !this.#db.isTransaction) this.#db.exec('PRAGMA temp_store = DEFAULT')
    for (const entry of group) {
      if (failure) entry.settle(false, failed.has(entry) ? failed.get(entry) : failure.error)
      else entry.settle(!failed.has(entry), failed.get(entry))
    }
    if (!failure) this.#afterCommit()
  }
}
