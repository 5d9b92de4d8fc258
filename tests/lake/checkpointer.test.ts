/**
 * Checkpoints on their own thread (lake/store/checkpointer.ts): past a few megabytes of WAL a
 * worker copies committed pages into the database file, so no writer's COMMIT does it; the data
 * stays whole across close, delete and reopen.
 */
import {existsSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {SqliteDataset} from '../../lake/store/dataset.ts'
import {waitFor} from '../e2e/helpers/settle.ts'
import {tempStore} from '../helpers/tempStore.ts'

const temp = tempStore('lake-checkpoint-')

/** Writes `count` transactions of one document holding about `kb` kilobytes each, awaited one by one. */
async function write(dataset: SqliteDataset, count: number, kb: number, prefix = 'doc'): Promise<void> {
  const text = 'ق'.repeat(kb * 512)
  for (let n = 0; n < count; n++) {
    await dataset.transactGrouped(() => [{create: {_id: `${prefix}-${n}`, _type: 't', n, text}}], {author: 'me'})
  }
}

const fileBytes = (name: string) => (existsSync(join(temp.dir, name)) ? statSync(join(temp.dir, name)).size : 0)

describe('checkpoints on their own thread', () => {
  it('leaves a small dataset to SQLite alone: no worker starts', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    await write(dataset, 20, 10)
    expect(dataset.checkpoints).toEqual({running: false, count: 0})
  })

  it('copies the WAL into the database file from the worker once it grows past a few megabytes', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const before = fileBytes('production.sqlite')
    // About 6 MB: past the worker's start (4 MB), short of the writer's own threshold (2,000 pages, 8 MB).
    await write(dataset, 60, 100)
    expect(dataset.checkpoints.running).toBe(true)
    await waitFor(async () => dataset.checkpoints.count > 0 && fileBytes('production.sqlite') - before > 4 * 1024 * 1024)
    await write(dataset, 10, 100, 'more')
    expect(dataset.getMany(['doc-0', 'doc-59', 'more-9']).map((doc) => doc?._id)).toEqual(['doc-0', 'doc-59', 'more-9'])
  })

  it('takes over the same way when transactions commit alone (transact, as the actions and the scheduler write)', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const text = 'ق'.repeat(100 * 512)
    for (let n = 0; n < 60; n++) dataset.transact(() => [{create: {_id: `doc-${n}`, _type: 't', n, text}}], {author: 'me'})
    expect(dataset.checkpoints.running).toBe(true)
    await waitFor(async () => dataset.checkpoints.count > 0)
  })

  it('checkpoints at most once a second while commits keep coming, and catches up once they stop', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    await write(dataset, 60, 100)
    await waitFor(async () => dataset.checkpoints.count > 0)
    const started = performance.now()
    const before = dataset.checkpoints.count
    // 200 commits, each small: one checkpoint per commit would be 200.
    await write(dataset, 200, 1, 'busy')
    const seconds = (performance.now() - started) / 1000
    expect(dataset.checkpoints.count - before).toBeLessThanOrEqual(Math.ceil(seconds) + 1)
    // The commits after the last checkpoint are copied by the one the timer asks for.
    const after = dataset.checkpoints.count
    await waitFor(async () => dataset.checkpoints.count > after)
  })

  it('keeps every document across close and reopen, and leaves no WAL behind', async () => {
    await write(temp.lake.dataset('production', {create: true})!, 60, 100)
    temp.lake.close()
    expect(fileBytes('production.sqlite-wal')).toBe(0)
    temp.reopen()
    const reopened = temp.lake.dataset('production')!
    expect(reopened.getMany(['doc-0', 'doc-30', 'doc-59']).map((doc) => (doc as {n?: number} | null)?.n)).toEqual([0, 30, 59])
  })

  it('lets a dataset be deleted and made again under the same name right away, losing nothing of the new one', async () => {
    await write(temp.lake.dataset('production', {create: true})!, 60, 100)
    expect(temp.lake.deleteDataset('production')).toBe(true)
    const fresh = temp.lake.dataset('production', {create: true})!
    await write(fresh, 3, 1, 'fresh')
    temp.reopen()
    const reopened = temp.lake.dataset('production')!
    expect(reopened.getMany(['fresh-0', 'fresh-2', 'doc-0']).map((doc) => doc?._id ?? null)).toEqual(['fresh-0', 'fresh-2', null])
  })
})
