import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import type {ParseWorker} from './parseWorker.ts'
import {checkFile, type FileCheck} from './checkFile.ts'
import {sizeOf, type PreparedArticle} from './prepareArticle.ts'

/**
 * What the seed lets the check keep for the import, counted in bytes of the article files: about
 * two thousand articles of the usual size (5 to 8 KB). The files of a run that fits are read and
 * parsed once.
 */
export const KEEP_PREPARED_BYTES = 16 * 1024 * 1024
/**
 * Longer runs keep nothing: their files are streamed, parsed again batch by batch during the
 * import, so memory stays flat however many there are. Keeping part of a longer run cost more
 * than it saved: the larger live heap made the check's garbage collections slower and raised
 * peak memory (the commit that set this limit has the measurements).
 */
export const KEEP_MAX_FILES = 2000

/** The `keepBytes` the seed checks a run of `files` files with (see `KEEP_MAX_FILES`). */
export function keepBytesFor(files: number): number {
  return files <= KEEP_MAX_FILES ? KEEP_PREPARED_BYTES : 0
}

export interface CheckResult {
  errors: SeedError[]
  warnings: SeedWarning[]
  /**
   * Files the check prepared for the import (see `keepBytes`), by path, in file order. The import
   * takes them out as it goes (`ImportOptions.prepared`).
   */
  prepared: Map<string, PreparedArticle>
}

export interface CheckOptions {
  strict?: boolean
  onProgress?: (done: number, total: number) => void
  /** Checks chunks of the files there meanwhile (see `ParseWorker`). */
  worker?: ParseWorker | null
  /**
   * Prepares the files for the import while checking them and keeps them, in the order the chunks
   * are checked, up to this many bytes (`sizeOf`), so that the import need not read and parse them again.
   * Default 0: the check keeps nothing.
   */
  keepBytes?: number
}

/**
 * Parses and validates every file, keeping no more of them than `keepBytes` (memory stays bounded
 * however many files), and checks that no two files make the same article. Nothing is written.
 * Errors and warnings come in file order, whichever thread checked the file.
 */
export async function checkArticles(files: string[], options: CheckOptions = {}): Promise<CheckResult> {
  const checks = await checkEach(files, options)
  const errors: SeedError[] = []
  const warnings: SeedWarning[] = []
  const prepared = new Map<string, PreparedArticle>()
  const articleFiles = new Map<string, string>()
  for (const [index, {warnings: found, articleId, error, prepared: kept}] of checks.entries()) {
    const file = files[index] ?? ''
    if (kept) prepared.set(file, kept)
    warnings.push(...found)
    if (error) {
      errors.push(error)
      continue
    }
    if (articleId === undefined) continue
    const other = articleFiles.get(articleId)
    if (other) {
      errors.push(new SeedError(file, 0, `makes the same article (${articleId}) as ${other}; give one of them another slug with a "slug:" front matter line, or remove it`))
    }
    articleFiles.set(articleId, file)
  }
  return {errors, warnings, prepared: errors.length > 0 ? new Map() : prepared}
}

/** Files per piece of work: small enough that the worker joins in soon after it has started. */
const CHUNK = 50

/**
 * `checkFile` for every file, in order. With a worker, both threads take the next chunk of files
 * whenever they are free: the worker needs a moment to start, and the main thread does not wait for it.
 * Chunks are prepared while the kept files are under `keepBytes`; a prepared file that does not
 * fit any more is dropped (checked, not kept).
 */
async function checkEach(files: string[], options: CheckOptions): Promise<FileCheck[]> {
  const checks: FileCheck[] = new Array(files.length)
  let next = 0
  let done = 0
  const progress = (count: number) => {
    done += count
    options.onProgress?.(done, files.length)
  }
  const budget = options.keepBytes ?? 0
  let kept = 0
  const keep = (): boolean => kept < budget
  const store = (start: number, results: FileCheck[]) => {
    results.forEach((result, i) => {
      const size = result.prepared ? sizeOf(result.prepared) : 0
      if (kept + size > budget) result = {...result, prepared: undefined}
      else kept += size
      checks[start + i] = result
    })
  }
  const worker = options.worker
  const theirs: Array<Promise<void>> = []
  const feedWorker = (): void => {
    if (!worker || next >= files.length) return
    const start = next
    next = Math.min(files.length, next + CHUNK)
    const chunk = worker.check(files.slice(start, next), options.strict, keep()).then((results) => {
      store(start, results)
      progress(results.length)
      feedWorker()
    })
    // Awaited below; until then a failure must not count as unhandled.
    chunk.catch(() => {})
    theirs.push(chunk)
  }
  // Two chunks queued, so the worker never waits for this thread between them.
  feedWorker()
  feedWorker()
  while (next < files.length) {
    const start = next
    next = Math.min(files.length, next + CHUNK)
    const keeping = keep()
    const results: FileCheck[] = []
    for (let i = start; i < next; i++) results.push(await checkFile(files[i] ?? '', options.strict, keeping))
    store(start, results)
    progress(next - start)
    // Lets the worker's answers in, so it is given its next chunk while this thread works.
    if (worker) await new Promise((resolve) => setImmediate(resolve))
  }
  // The worker may have been given more chunks after this loop's last look: wait for every one.
  for (let waited = 0; waited < theirs.length; waited++) await theirs[waited]
  return checks
}
