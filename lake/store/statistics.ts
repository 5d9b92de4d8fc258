/**
 * The query planner's statistics (`sqlite_stat1`) of a dataset. Without them SQLite cannot tell a
 * field index that finds one document (`slug.current`) from one that finds half the dataset
 * (`language`), and may search an article by its language, reading thousands of rows for one.
 * They are sampled (`analysis_limit`), so keeping them costs milliseconds on a large dataset:
 * made when the dataset opens and for each index the lake makes, refreshed by `PRAGMA optimize`
 * (which re-analyses only tables that changed much) now and then after commits, and on close.
 */
import type {DatabaseSync} from 'node:sqlite'

/** Rows sampled per index (SQLite's recommended order of magnitude for `analysis_limit`). */
const ANALYSIS_LIMIT = 1000
/** The least time between two refreshes after commits. */
const REFRESH_EVERY_MS = 60_000

export class Statistics {
  #db: DatabaseSync
  #refreshed = Date.now()

  /** Brings the statistics of the open dataset up to date (analyses tables that never were). */
  constructor(db: DatabaseSync) {
    this.#db = db
    db.exec(`PRAGMA analysis_limit = ${ANALYSIS_LIMIT}`)
    this.#optimize('PRAGMA optimize = 0x10002')
  }

  /** Analyses one index or table just made (inside the transaction that made it). */
  analyze(name: string): void {
    this.#db.exec(`ANALYZE ${name}`)
  }

  /** Called after each commit: refreshes what changed much, at most once per REFRESH_EVERY_MS. */
  afterCommit(): void {
    const now = Date.now()
    if (now - this.#refreshed < REFRESH_EVERY_MS) return
    this.#refreshed = now
    this.#optimize('PRAGMA optimize')
  }

  /** Refreshes what changed much before the connection closes, as SQLite recommends. */
  beforeClose(): void {
    if (this.#db.isOpen && !this.#db.isTransaction) this.#optimize('PRAGMA optimize')
  }

  #optimize(pragma: string): void {
    try {
      this.#db.exec(pragma)
    } catch {
      // Statistics only steer the planner: a full disk or a busy file leaves the old ones, and the
      // commit or close that asked goes on.
    }
  }
}
