/**
 * The checkpoint thread of one dataset (see checkpointer.ts): a connection of its own that runs
 * a passive checkpoint whenever asked and answers when it is done, until told to close.
 */
import {DatabaseSync} from 'node:sqlite'
import {parentPort, workerData} from 'node:worker_threads'
import type {CheckpointWorkerData} from './checkpointer.ts'

const port = parentPort
if (!port) throw new Error('checkpointWorker.ts runs as a worker thread (see Checkpointer)')
const {file, closed} = workerData as CheckpointWorkerData

const db = new DatabaseSync(file)
// The checkpoint syncs the database file as the writer's connection promises (openDatabase.ts).
db.exec('PRAGMA synchronous = FULL')
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')

port.on('message', (message: 'checkpoint' | 'close') => {
  if (message === 'close') {
    db.close()
    Atomics.store(closed, 0, 1)
    Atomics.notify(closed, 0)
    port.close()
    return
  }
  // A passive checkpoint copies what it can and never waits; the next request continues from there.
  checkpoint.run()
  port.postMessage('done')
})
