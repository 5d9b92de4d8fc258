/**
 * The parse worker's thread (started by `ParseWorker`): checks and prepares article files on the
 * second core while the main thread checks its share, or talks to the dataset.
 */
import {parentPort} from 'node:worker_threads'
import {checkFile, prepareFile, type PreparedArticle} from './prepareArticle.ts'
import {seedErrorData, type ErrorData, type WorkerReply, type WorkerRequest} from './parseWorker.ts'
import {SeedError} from '../parse/seedError.ts'

const port = parentPort
if (!port) throw new Error('parseWorkerThread.ts runs as a worker thread (see ParseWorker)')

port.on('message', (request: WorkerRequest) => {
  // As JSON text: the main thread parses it in half the time it takes to deserialise the same objects.
  handle(request).then(
    (reply) => port.postMessage(JSON.stringify(reply)),
    (error: unknown) => port.postMessage(JSON.stringify({id: request.id, kind: 'failed', error: errorData(error)} satisfies WorkerReply)),
  )
})

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  if (request.kind === 'check') {
    const checks = []
    for (const file of request.files) {
      const {warnings, articleId, error, prepared} = await checkFile(file, request.strict, request.keep)
      checks.push({warnings, articleId, error: error && seedErrorData(error), ...(prepared ? {prepared} : {})})
    }
    return {id: request.id, kind: 'checked', checks}
  }
  const articles: PreparedArticle[] = []
  for (const file of request.files) {
    articles.push(await prepareFile(file, request.strict))
  }
  return {id: request.id, kind: 'prepared', articles}
}

function errorData(error: unknown): ErrorData {
  if (error instanceof SeedError) return seedErrorData(error)
  return {message: error instanceof Error ? (error.stack ?? error.message) : String(error)}
}
