/**
 * A query worker thread (started by queryPool.ts): runs GROQ queries against dataset files it
 * opens read-only, so that evaluation never blocks the lake's main thread. Answers each job with
 * its answer (queryAnswer.ts), or with the LakeError it ended with.
 */
import {readlinkSync, statSync} from 'node:fs'
import {setPriority} from 'node:os'
import {parentPort} from 'node:worker_threads'
import {LakeError} from './errors.ts'
import {answerQuery, resultTooLarge} from './queryAnswer.ts'
import {ReadDataset} from './store/readDataset.ts'
import type {QueryJob, QueryReply} from './queryPool.ts'

const open = new Map<string, {inode: number; dataset: ReadDataset}>()

/** Nice value of a query worker thread: the main thread (writes, listeners) gets the CPU first. */
const WORKER_NICE = 10

lowerPriority()

// The async evaluator (diff::/delta:: only) may reject promises nobody awaits once a query has
// been answered; they belong to a finished query and must not end the worker.
process.on('unhandledRejection', () => {})

parentPort?.on('message', (job: QueryJob) => {
  answer(job).then((reply) => parentPort?.postMessage(reply))
})
// Loaded: from now on the pool counts a job's time against its budget (the start is not the query's).
parentPort?.postMessage({ready: true})

async function answer(job: QueryJob): Promise<QueryReply> {
  try {
    const dataset = job.file ? datasetAt(job.file, job.dataset) : null
    const run = () => answerQuery(dataset, {...job, datasetName: job.dataset})
    return {id: job.id, ...(dataset ? await dataset.read(run) : await run())}
  } catch (error) {
    if (error instanceof LakeError) return failure(job, error)
    if (error instanceof RangeError && error.message === 'Invalid string length') return failure(job, resultTooLarge())
    const description = error instanceof Error ? error.message : String(error)
    return {id: job.id, error: {status: 400, body: {error: {type: 'queryExecutionError', description}}}}
  }
}

/**
 * Lowers this thread's scheduling priority. On Linux the nice value belongs to each thread, and
 * `/proc/thread-self` names this thread's id; elsewhere the worker keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, WORKER_NICE)
  } catch {
    // Not Linux, or not allowed: queries then compete with the main thread as equals.
  }
}

function failure(job: QueryJob, error: LakeError): QueryReply {
  return {id: job.id, error: {status: error.status, body: error.body}}
}

/** The open dataset of `file`, reopened when the file was replaced (deleted and created again). */
function datasetAt(file: string, name: string): ReadDataset {
  const inode = statSync(file).ino
  const cached = open.get(file)
  if (cached && cached.inode === inode) return cached.dataset
  cached?.dataset.close()
  const dataset = new ReadDataset(name, file)
  open.set(file, {inode, dataset})
  return dataset
}
