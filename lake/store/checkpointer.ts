/**
 * Checkpoints of a dataset's write-ahead log on a thread of their own. A checkpoint copies the
 * committed pages from the WAL into the database file and syncs it; SQLite runs one inside the
 * COMMIT that crosses its threshold, on the writer's thread, so one writer in every few dozen
 * waited for a copy of megabytes. Once a dataset's WAL has grown past START_BYTES (a busy lake,
 * a seed), a worker with its own connection runs passive checkpoints after commits instead:
 * they never block a writer and never wait for one. The writer's connection keeps checkpointing
 * by itself past FALLBACK_PAGES, the bound if the worker falls behind, and as SQLite's default
 * does again if the worker is gone. Small lakes (tests, a single article) never start it.
 */
import {statSync} from 'node:fs'
import type {DatabaseSync} from 'node:sqlite'
import {Worker} from 'node:worker_threads'

/** Pages in the WAL before the writer checkpoints itself until the worker runs (SQLite's default is 1,000). */
const EARLY_PAGES = 2000
/** WAL size (bytes) from which the worker takes over: about half of EARLY_PAGES' pages. */
const START_BYTES = 4 * 1024 * 1024
/** Pages in the WAL before the writer checkpoints itself while the worker runs (about 64 MB). */
const FALLBACK_PAGES = 16_384
/** SQLite's own threshold, restored if the worker fails. */
const DEFAULT_PAGES = 1000
/**
 * The shortest time between two checkpoints. Each copies the newest version of every page the
 * commits since the last one touched and syncs the file; asked after every commit, it copied the
 * same index pages again and again.
 */
const INTERVAL_MS = 1000

/** The longest `close` waits for the worker's connection to close (a checkpoint of FALLBACK_PAGES takes well under it). */
const CLOSE_WAIT_MS = 10_000

/** What the worker starts with. */
export interface CheckpointWorkerData {
  file: string
  /** Set to 1 (and notified) once the worker's connection is closed. */
  closed: Int32Array
}

export class Checkpointer {
  #db: DatabaseSync
  #file: string
  #worker: Worker | null = null
  /** A checkpoint was asked for and has not answered. */
  #pending = false
  /** Commits happened while one was pending or waiting: ask again when it answers or is due. */
  #dirty = false
  /** When the last checkpoint was asked for (performance.now()). */
  #askedAt = -Infinity
  /** The timer that asks once INTERVAL_MS has passed since the last checkpoint. */
  #timer: NodeJS.Timeout | null = null
  /** The worker failed once: the writer checkpoints by itself from then on. */
  #failed = false
  #checkpoints = 0
  /** Set to 1 by the worker once its connection is closed. */
  #closed = new Int32Array(new SharedArrayBuffer(4))

  /** `file` is the database's path ('' for an in-memory database, which has no WAL). */
  constructor(db: DatabaseSync, file: string) {
    this.#db = db
    this.#file = file
    if (file) db.exec(`PRAGMA wal_autocheckpoint = ${EARLY_PAGES}`)
  }

  /** Whether the worker runs (tests). */
  get running(): boolean {
    return this.#worker !== null
  }

  /** Passive checkpoints the worker has completed (tests). */
  get checkpoints(): number {
    return this.#checkpoints
  }

  /** Called after each COMMIT of the writer's connection (a group commit's, or a transaction committed alone). */
  afterCommit(): void {
    if (!this.#file || this.#failed) return
    if (!this.#worker) {
      if (walBytes(this.#file) < START_BYTES) return
      this.#start()
    }
    if (this.#pending || this.#timer) {
      this.#dirty = true
      return
    }
    this.#askWhenDue()
  }

  /**
   * Closes the worker's connection and waits for it (a checkpoint under way ends first), then
   * stops the worker. Synchronous, so that the caller may delete or reopen the file right after:
   * a connection closed later would delete the `-wal` file by its name, whoever's it is by then.
   */
  close(): void {
    const worker = this.#worker
    this.#worker = null
    this.#failed = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    if (!worker) return
    worker.postMessage('close')
    Atomics.wait(this.#closed, 0, 0, CLOSE_WAIT_MS)
    void worker.terminate()
  }

  #start(): void {
    const worker = new Worker(new URL('./checkpointWorker.ts', import.meta.url), {workerData: {file: this.#file, closed: this.#closed} satisfies CheckpointWorkerData})
    worker.on('message', () => {
      this.#checkpoints++
      this.#pending = false
      if (this.#dirty) {
        this.#dirty = false
        this.#askWhenDue()
      } else worker.unref()
    })
    worker.on('error', () => this.#fail(worker))
    worker.on('exit', () => this.#fail(worker))
    worker.unref()
    this.#worker = worker
    this.#db.exec(`PRAGMA wal_autocheckpoint = ${FALLBACK_PAGES}`)
  }

  #askWhenDue(): void {
    const wait = this.#askedAt + INTERVAL_MS - performance.now()
    if (wait <= 0) return this.#ask()
    // Unreferenced: a process that ends first leaves the rest to the connection's close, which checkpoints.
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#dirty = false
      this.#ask()
    }, wait)
    this.#timer.unref()
    this.#worker?.unref()
  }

  #ask(): void {
    if (!this.#worker) return
    this.#askedAt = performance.now()
    this.#pending = true
    // Referenced while a checkpoint runs, so that a process ending right after a write lets it finish.
    this.#worker?.ref()
    this.#worker?.postMessage('checkpoint')
  }

  #fail(worker: Worker): void {
    if (this.#worker !== worker) return
    this.#worker = null
    this.#failed = true
    if (this.#db.isOpen) this.#db.exec(`PRAGMA wal_autocheckpoint = ${DEFAULT_PAGES}`)
  }
}

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size
  } catch {
    return 0
  }
}
