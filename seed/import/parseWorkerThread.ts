/**
 * The parse worker's thread (started by `ParseWorker`): checks and prepares article files on the
 * second core while the main thread checks its share, or talks to the dataset.
 */
import {parentPort} from 'node:worker_threads'
import {checkFile} from './checkFile.ts'
import {documentIds, prepareFile} from './prepareArticle.ts'
import {seedErrorData, type CheckData, type ErrorData, type PreparedText, type WorkerReply, type WorkerRequest} from './parseWorker.ts'
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
    const texts: string[] = []
    for (const file of request.files) {
      const {warnings, articleId, error, prepared} = await checkFile(file, request.strict, request.keep)
      texts.push(JSON.stringify({warnings, articleId, error: error && seedErrorData(error), ...(prepared ? {prepared} : {})} satisfies CheckData))
    }
    return {id: request.id, kind: 'checked', texts}
  }
  const articles: PreparedText[] = []
  for (const file of request.files) {
    const prepared = await prepareFile(file, request.strict)
    articles.push({ids: documentIds(prepared), text: JSON.stringify(prepared)})
  }
  return {id: request.id, kind: 'prepared', articles}
}

function errorData(error: unknown): ErrorData {
  if (error instanceof SeedError) return seedErrorData(error)
  return {message: error instanceof Error ? (error.stack ?? error.message) : String(error)}
}
