/**
 * The parse worker's thread (started by `ParseWorker`): checks and prepares article files on the
 * second core while the main thread checks its share, or talks to the dataset.
 */
import {parentPort} from 'node:worker_threads'
import {checkFile, forPosting, prepareFile, type PreparedArticle} from './prepareArticle.ts'
import {seedErrorData, type ErrorData, type WorkerReply, type WorkerRequest} from './parseWorker.ts'
import {SeedError} from '../parse/seedError.ts'

const port = parentPort
if (!port) throw new Error('parseWorkerThread.ts runs as a worker thread (see ParseWorker)')

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    ({reply, transfer}) => port.postMessage(reply, transfer),
    (error: unknown) => port.postMessage({id: request.id, kind: 'failed', error: errorData(error)} satisfies WorkerReply),
  )
})

async function handle(request: WorkerRequest): Promise<{reply: WorkerReply; transfer: ArrayBuffer[]}> {
  if (request.kind === 'check') {
    const checks = []
    for (const file of request.files) {
      const {warnings, articleId, error} = await checkFile(file, request.strict)
      checks.push({warnings, articleId, error: error && seedErrorData(error)})
    }
    return {reply: {id: request.id, kind: 'checked', checks}, transfer: []}
  }
  const publishers = new Map(request.publishers)
  const articles: PreparedArticle[] = []
  const transfer: ArrayBuffer[] = []
  for (const file of request.files) {
    const posted = forPosting(await prepareFile(file, request.strict, publishers))
    articles.push(posted.article)
    transfer.push(...posted.transfer)
  }
  return {reply: {id: request.id, kind: 'prepared', articles}, transfer}
}

function errorData(error: unknown): ErrorData {
  if (error instanceof SeedError) return seedErrorData(error)
  return {message: error instanceof Error ? (error.stack ?? error.message) : String(error)}
}
