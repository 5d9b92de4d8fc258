/**
 * A small pool of query worker threads (queryWorker.ts). GROQ evaluation runs there, on
 * read-only connections, so the main thread keeps serving writes and listeners whatever a query
 * does. Past its time budget a worker is terminated (its work really stops) and replaced; a
 * worker that exceeds its heap limit dies alone, and its query answers a memory error.
 * Token holders go first and always have a worker of their own: anonymous queries may occupy all
 * workers but one, and only a bounded number of them wait (429 beyond).
 */
import {Worker} from 'node:worker_threads'
import {LakeError, rateLimitError} from './errors.ts'
import type {QueryAnswer, QueryJob, QueryRunner} from './types.ts'

export type {QueryAnswer, QueryJob}

/** A worker's answer, or a Content Lake error. */
export type QueryReply = ({id: number} & QueryAnswer) | {id: number; error: {status: number; body: Record<string, unknown>}}

export interface QueryPoolOptions {
  /** Worker threads (default 2). */
  size?: number
  /** Heap limit of one worker, hence of one query, in MB (default 256). */
  memoryMb?: number
  /** Anonymous queries allowed to wait for a worker (default 32). */
  anonymousQueue?: number
}

/** Extra time a worker gets past the budget to end a query itself before it is terminated. */
const KILL_GRACE_MS = 200

interface Pending {
  job: QueryJob
  anonymous: boolean
  resolve(answer: QueryAnswer): void
  reject(error: LakeError): void
}

interface Slot {
  worker: Worker
  running: Pending | null
  timer: NodeJS.Timeout | null
  /** Whether the worker has loaded its modules (a new one takes a moment, longer on a busy machine). */
  ready: boolean
}

/** How long a new worker may take to load before its job fails. */
const WORKER_START_MS = 30_000

export class QueryPool implements QueryRunner {
  #size: number
  #memoryMb: number
  #anonymousQueue: number
  #slots: Slot[] = []
  #waiting: {token: Pending[]; anonymous: Pending[]} = {token: [], anonymous: []}
  #nextId = 1
  #closed = false

  constructor(options: QueryPoolOptions = {}) {
    this.#size = Math.max(1, options.size ?? 2)
    this.#memoryMb = options.memoryMb ?? 256
    this.#anonymousQueue = options.anonymousQueue ?? 32
  }

  /**
   * Runs a query on a worker and resolves its result as JSON text, with its sync tags.
   * @throws LakeError 400 (query errors, time budget, memory limit), 429 when too many anonymous
   * queries wait, 503 once the pool is closed.
   */
  run(job: Omit<QueryJob, 'id'>, options: {anonymous: boolean}): Promise<QueryAnswer> {
    if (this.#closed) return Promise.reject(new LakeError(503, 'The lake is shutting down'))
    const queue = options.anonymous ? this.#waiting.anonymous : this.#waiting.token
    if (options.anonymous && queue.length >= this.#anonymousQueue) return Promise.reject(tooManyQueries())
    return new Promise((resolve, reject) => {
      queue.push({job: {...job, id: this.#nextId++}, anonymous: options.anonymous, resolve, reject})
      this.#dispatch()
    })
  }

  /** Terminates the workers; waiting and running queries answer 503. */
  async close(): Promise<void> {
    this.#closed = true
    const error = new LakeError(503, 'The lake is shutting down')
    for (const pending of [...this.#waiting.token, ...this.#waiting.anonymous]) pending.reject(error)
    this.#waiting = {token: [], anonymous: []}
    const slots = this.#slots.splice(0)
    for (const slot of slots) {
      if (slot.timer) clearTimeout(slot.timer)
      slot.running?.reject(error)
      slot.running = null
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()))
  }

  #dispatch(): void {
    while (!this.#closed) {
      const anonymousRunning = this.#slots.filter((slot) => slot.running?.anonymous).length
      const anonymousAllowed = anonymousRunning < Math.max(1, this.#size - 1)
      const queue = this.#waiting.token.length > 0 ? this.#waiting.token : anonymousAllowed ? this.#waiting.anonymous : null
      if (!queue || queue.length === 0) return
      const slot = this.#freeSlot()
      const next = slot && queue.shift()
      if (!slot || !next) return
      this.#start(slot, next)
    }
  }

  #freeSlot(): Slot | null {
    const idle = this.#slots.find((slot) => slot.running === null)
    if (idle) return idle
    if (this.#slots.length >= this.#size) return null
    const slot = this.#spawn()
    this.#slots.push(slot)
    return slot
  }

  #spawn(): Slot {
    const worker = new Worker(new URL('./queryWorker.ts', import.meta.url), {
      resourceLimits: {maxOldGenerationSizeMb: this.#memoryMb, maxYoungGenerationSizeMb: 16},
    })
    const slot: Slot = {worker, running: null, timer: null, ready: false}
    worker.on('message', (reply: QueryReply | {ready: true}) => {
      if ('ready' in reply) {
        slot.ready = true
        if (slot.running) this.#arm(slot, slot.running)
        return
      }
      const pending = slot.running
      if (!pending || pending.job.id !== reply.id) return
      this.#finish(slot)
      if ('json' in reply) pending.resolve({json: reply.json, syncTags: reply.syncTags, sourceMap: reply.sourceMap})
      else pending.reject(new LakeError(reply.error.status, errorMessage(reply.error.body), reply.error.body))
    })
    worker.on('error', (error: Error & {code?: string}) => {
      const pending = slot.running
      this.#replace(slot)
      pending?.reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(this.#memoryMb) : workerFailed(error))
    })
    // Idle workers must not keep the process alive (CLIs run queries and exit).
    worker.unref()
    return slot
  }

  #start(slot: Slot, pending: Pending): void {
    slot.running = pending
    slot.worker.ref()
    if (slot.ready) this.#arm(slot, pending)
    else {
      slot.timer = setTimeout(() => {
        this.#replace(slot)
        pending.reject(workerFailed(new Error(`the query worker did not start within ${WORKER_START_MS / 1000} s`)))
      }, WORKER_START_MS)
    }
    slot.worker.postMessage(pending.job)
  }

  /** Starts the clock of `pending`'s time budget on a worker that is ready. */
  #arm(slot: Slot, pending: Pending): void {
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = setTimeout(() => {
      this.#replace(slot)
      pending.reject(timedOut())
    }, pending.job.timeoutMs + KILL_GRACE_MS)
  }

  #finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = null
    slot.running = null
    slot.worker.unref()
    this.#dispatch()
  }

  /** Ends a worker whose query ran too long or died, and frees its slot for a new one. */
  #replace(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = null
    slot.running = null
    slot.worker.removeAllListeners('message')
    slot.worker.removeAllListeners('error')
    slot.worker.on('error', () => {})
    void slot.worker.terminate()
    const index = this.#slots.indexOf(slot)
    if (index >= 0) this.#slots.splice(index, 1)
    this.#dispatch()
  }
}

function errorMessage(body: Record<string, unknown>): string {
  const error = body.error
  const description = typeof error === 'object' && error !== null && 'description' in error ? error.description : null
  return typeof description === 'string' ? description : 'Query error'
}

function timedOut(): LakeError {
  const description = 'Query timed out: it ran longer than the time budget; narrow it with filters or limits'
  return new LakeError(400, description, {error: {type: 'queryTimeoutError', description}})
}

function outOfMemory(limitMb: number): LakeError {
  const description = `Query used more than the memory limit of ${limitMb} MB: narrow it with filters, projections or limits`
  return new LakeError(400, description, {error: {type: 'queryMemoryLimitError', description}})
}

function tooManyQueries(): LakeError {
  return rateLimitError('Too many anonymous queries are waiting; retry shortly or use a token')
}

function workerFailed(error: Error): LakeError {
  return new LakeError(500, `Query worker failed: ${error.message}`)
}
