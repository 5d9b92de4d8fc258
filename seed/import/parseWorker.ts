/**
 * A worker thread that parses article files for the seed (main-thread side). The check pass
 * gives it half of the files while the main thread checks the other half (nothing else runs then:
 * nothing may be written before every file is checked); the import has it parse and hash the
 * next batches while the main thread plans and commits, so each article is parsed on the
 * second core instead of the one that talks to the dataset. Small runs do without it: starting
 * a worker costs more than parsing a few files.
 */
import {Worker} from 'node:worker_threads'
import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import type {FileCheck} from './checkFile.ts'
import type {PreparedArticle} from './prepareArticle.ts'

/** Below this many files the seed parses on the main thread only. */
export const PARSE_WORKER_MIN_FILES = 200

export type SeedErrorData = {file: string; line: number; column: number; reason: string}
export type ErrorData = SeedErrorData | {message: string}
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never

export type WorkerRequest =
  | {id: number; kind: 'check'; files: string[]; strict?: boolean; keep: boolean}
  | {id: number; kind: 'prepare'; files: string[]; strict?: boolean}

/** What the thread learns of one file in a check (a `FileCheck` as it crosses between the threads). */
export type CheckData = {warnings: SeedWarning[]; articleId?: string; error?: SeedErrorData; prepared?: PreparedArticle}

/**
 * A prepared article as it crosses between the threads: the `PreparedArticle` as JSON text, and
 * its documents' ids (`documentIds`), which the import needs before it parses the text.
 */
export type PreparedText = {ids: string[]; text: string}

/**
 * The thread's answer: for each file, in order, its `CheckData` or `PreparedText`.
 * Text, because the main thread parses it in half the time it takes to deserialise the same
 * objects; one text per file, because a batch's in one text would pass 128 KB, where V8 makes,
 * copies and frees strings several times slower per character.
 */
export type WorkerReply =
  | {id: number; kind: 'checked'; texts: string[]}
  | {id: number; kind: 'prepared'; articles: PreparedText[]}
  | {id: number; kind: 'failed'; error: ErrorData}

export class ParseWorker {
  readonly #worker: Worker
  #nextId = 0
  readonly #waiting = new Map<number, {resolve: (reply: WorkerReply) => void; reject: (error: Error) => void}>()

  constructor() {
    this.#worker = new Worker(new URL('./parseWorkerThread.ts', import.meta.url))
    this.#worker.on('message', (reply: WorkerReply) => {
      const waiting = this.#waiting.get(reply.id)
      this.#waiting.delete(reply.id)
      waiting?.resolve(reply)
    })
    this.#worker.on('error', (error) => this.#failAll(error))
    this.#worker.on('exit', (code) => this.#failAll(new Error(`the seed's parse worker stopped (exit code ${code})`)))
  }

  /** A worker when `files` is worth one, else null (parse on the main thread). */
  static startFor(files: number): ParseWorker | null {
    return files >= PARSE_WORKER_MIN_FILES ? new ParseWorker() : null
  }

  /** `checkFile` for each file, in order. */
  async check(files: string[], strict: boolean | undefined, keep = false): Promise<FileCheck[]> {
    const reply = await this.#request({kind: 'check', files, strict, keep})
    if (reply.kind !== 'checked') throw unexpected(reply)
    return reply.texts.map((text) => {
      const {warnings, articleId, error, prepared} = JSON.parse(text) as CheckData
      return {warnings, articleId, error: error && fromData(error), ...(prepared ? {prepared} : {})}
    })
  }

  /**
   * `prepareFile` for each file, in order, as text (`PreparedText`): the caller parses each when it
   * needs it. @throws SeedError when a file no longer parses.
   */
  async prepare(files: string[], strict: boolean | undefined): Promise<PreparedText[]> {
    const reply = await this.#request({kind: 'prepare', files, strict})
    if (reply.kind !== 'prepared') throw unexpected(reply)
    return reply.articles
  }

  async close(): Promise<void> {
    await this.#worker.terminate()
  }

  #request(request: WithoutId<WorkerRequest>): Promise<WorkerReply> {
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, {resolve, reject})
      this.#worker.postMessage({...request, id})
    })
  }

  #failAll(error: Error): void {
    for (const waiting of this.#waiting.values()) waiting.reject(error)
    this.#waiting.clear()
  }
}

/** A `SeedError` as it crosses between the threads (class instances do not). */
export function seedErrorData(error: SeedError): SeedErrorData {
  return {file: error.file, line: error.line, column: error.column, reason: error.reason}
}

function fromData(data: SeedErrorData): SeedError {
  return new SeedError(data.file, data.line, data.reason, data.column)
}

function unexpected(reply: WorkerReply): Error {
  if (reply.kind !== 'failed') return new Error(`the seed's parse worker answered "${reply.kind}"`)
  return 'reason' in reply.error ? fromData(reply.error) : new Error(reply.error.message)
}
