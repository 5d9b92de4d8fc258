/**
 * The parse worker's thread (started by `ParseWorker`): checks and prepares article files on the
 * second core while the main thread checks its share, or talks to the dataset.
 */
import {parentPort} from 'node:worker_threads'
import {checkFile, forPosting, prepareFile} from './prepareArticle.ts'
import type {WorkerReply, WorkerRequest} from './parseWorker.ts'
import {SeedError} from '../parse/seedError.ts'

const port = parentPort
if (!port) throw new Error('parseWorkerThread.ts runs as a worker thread (see ParseWorker)')

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => port.postMessage({id: request.id, kind: 'failed', error: errorData(error)} satisfies WorkerReply),
  )
})

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  if (request.kind === 'check') {
    const checks = []
    for (const file of request.files) {
      const {warnings, articleId, error} = await checkFile(file, request.strict)
      checks.push({warnings, articleId, error: error && {file: error.file, line: error.line, column: error.column, reason: error.reason}})
    }
    return {id: request.id, kind: 'checked', checks}
  }
  const publishers = new Map(request.publishers)
  const articles = []
  for (const file of request.files) articles.push(forPosting(await prepareFile(file, request.strict, publishers)))
  // As JSON: objects the main thread parses from JSON serialise fast again for the HTTP body,
  // where structured-cloned ones take the slow path.
  return {id: request.id, kind: 'prepared', articles}
}

function errorData(error: unknown): {file: string; line: number; column: number; reason: string} | {message: string} {
  if (error instanceof SeedError) return {file: error.file, line: error.line, column: error.column, reason: error.reason}
  return {message: error instanceof Error ? (error.stack ?? error.message) : String(error)}
}
