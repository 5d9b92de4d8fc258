import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import type {ParseWorker} from './parseWorker.ts'
import {checkFile, type FileCheck} from './prepareArticle.ts'

export interface CheckResult {
  errors: SeedError[]
  warnings: SeedWarning[]
}

export interface CheckOptions {
  strict?: boolean
  onProgress?: (done: number, total: number) => void
  /** Checks chunks of the files there meanwhile (see `ParseWorker`). */
  worker?: ParseWorker | null
}

/**
 * Parses and validates every file without keeping its documents (memory stays flat however many
 * files), and checks that no two files make the same article. Nothing is written. Errors and
 * warnings come in file order, whichever thread checked the file.
 */
export async function checkArticles(files: string[], options: CheckOptions = {}): Promise<CheckResult> {
  const checks = await checkEach(files, options)
  const errors: SeedError[] = []
  const warnings: SeedWarning[] = []
  const articleFiles = new Map<string, string>()
  for (const [index, {warnings: found, articleId, error}] of checks.entries()) {
    const file = files[index] ?? ''
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
  return {errors, warnings}
}

/** Files per piece of work: small enough that the worker joins in soon after it has started. */
const CHUNK = 50

/**
 * `checkFile` for every file, in order. With a worker, both threads take the next chunk of files
 * whenever they are free: the worker needs a moment to start, and the main thread does not wait for it.
 */
async function checkEach(files: string[], options: CheckOptions): Promise<FileCheck[]> {
  const checks: FileCheck[] = new Array(files.length)
  let next = 0
  let done = 0
  const progress = (count: number) => {
    done += count
    options.onProgress?.(done, files.length)
  }
  const worker = options.worker
  const theirs: Array<Promise<void>> = []
  const feedWorker = (): void => {
    if (!worker || next >= files.length) return
    const start = next
    next = Math.min(files.length, next + CHUNK)
    const chunk = worker.check(files.slice(start, next), options.strict).then((results) => {
      results.forEach((result, i) => (checks[start + i] = result))
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
    for (let i = start; i < next; i++) checks[i] = await checkFile(files[i] ?? '', options.strict)
    progress(next - start)
    // Lets the worker's answers in, so it is given its next chunk while this thread works.
    if (worker) await new Promise((resolve) => setImmediate(resolve))
  }
  // The worker may have been given more chunks after this loop's last look: wait for every one.
  for (let waited = 0; waited < theirs.length; waited++) await theirs[waited]
  return checks
}
