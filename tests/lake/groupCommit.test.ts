import {join} from 'node:path'
import {describe, expect, it, vi} from 'vitest'
import {openLake} from '../../lake/store.ts'
import type {Transaction} from '../../lake/types.ts'
import {startTestLake} from '../helpers/lake.ts'
import {openSqliteTempFiles, walCommits} from '../helpers/sqliteFiles.ts'
import {tempStore} from '../helpers/tempStore.ts'

const temp = tempStore('lake-group-')

/** The outcome of a commit: its transaction's id and seq, or the error's status and description. */
async function outcome(commit: Promise<Transaction>): Promise<unknown> {
  try {
    const tx = await commit
    return {id: tx.id, seq: tx.seq}
  } catch (error) {
    const {status, body} = error as {status: number; body: {error: {description: string}}}
    return {status, description: body.error.description}
  }
}

describe('group commit', () => {
  it('keeps each queued transaction its own: id, seq, _rev, log entry and listener event, in order', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const heard: Array<[number, string, string[]]> = []
    dataset.subscribe((tx) => heard.push([tx.seq, tx.id, tx.changes.map((c) => `${c.operation} ${c.id}`)]))
    const commits = ['t1', 't2', 't3'].map((id, n) =>
      dataset.transactGrouped(() => [{create: {_id: `doc-${n}`, _type: 't', n}}], {author: 'me', transactionId: id}),
    )
    expect(await Promise.all(commits.map(outcome))).toEqual([
      {id: 't1', seq: 1},
      {id: 't2', seq: 2},
      {id: 't3', seq: 3},
    ])
    expect(heard).toEqual([
      [1, 't1', ['create doc-0']],
      [2, 't2', ['create doc-1']],
      [3, 't3', ['create doc-2']],
    ])
    expect(dataset.getMany(['doc-0', 'doc-1', 'doc-2']).map((doc) => doc?._rev)).toEqual(['t1', 't2', 't3'])
    expect(dataset.transactions({}).map((tx) => [tx.seq, tx.id, tx.changes.map((c) => c.id)])).toEqual([
      [1, 't1', ['doc-0']],
      [2, 't2', ['doc-1']],
      [3, 't3', ['doc-2']],
    ])
  })

  it('sees the writes of earlier transactions of the same group', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const created = dataset.transactGrouped(() => [{create: {_id: 'a', _type: 't', n: 1}}], {author: 'me', transactionId: 't1'})
    const patched = dataset.transactGrouped(() => [{patch: {id: 'a', ifRevisionID: 't1', inc: {n: 1}}}], {author: 'me', transactionId: 't2'})
    expect(await Promise.all([outcome(created), outcome(patched)])).toEqual([
      {id: 't1', seq: 1},
      {id: 't2', seq: 2},
    ])
    expect(dataset.get('a')).toMatchObject({n: 2, _rev: 't2'})
    expect(dataset.documentAt('a', {revision: 't1'})).toMatchObject({n: 1, _rev: 't1'})
  })

  it('rolls back a failing transaction alone: the others of its group commit, seqs stay contiguous', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    dataset.transact(() => [{create: {_id: 'taken', _type: 't'}}], {author: 'me', transactionId: 't0'})
    const heard: string[] = []
    dataset.subscribe((tx) => heard.push(tx.id))
    const results = await Promise.all(
      [
        dataset.transactGrouped(() => [{create: {_id: 'a', _type: 't'}}], {author: 'me', transactionId: 't1'}),
        dataset.transactGrouped(() => [{create: {_id: 'b', _type: 't'}}, {create: {_id: 'taken', _type: 't'}}], {author: 'me', transactionId: 't2'}),
        dataset.transactGrouped(() => [{create: {_id: 'c', _type: 't'}}], {author: 'me', transactionId: 't1'}),
        dataset.transactGrouped(() => [{create: {_id: 'd', _type: 't'}}], {author: 'me', transactionId: 't4'}),
      ].map(outcome),
    )
    expect(results).toEqual([
      {id: 't1', seq: 2},
      {status: 409, description: 'Document by ID "taken" already exists'},
      {status: 409, description: 'Transaction ID "t1" has already been used'},
      {id: 't4', seq: 3},
    ])
    expect(heard).toEqual(['t1', 't4'])
    expect(dataset.getMany(['a', 'b', 'c', 'd']).map((doc) => doc?._id ?? null)).toEqual(['a', null, null, 'd'])
    expect(dataset.transactions({}).map((tx) => `${tx.seq} ${tx.id}`)).toEqual(['1 t0', '2 t1', '3 t4'])
  })

  it('makes the transactions queued in one turn durable with one commit; awaited one by one, each has its own', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const wal = join(temp.dir, 'production.sqlite-wal')
    const create = (n: number) => dataset.transactGrouped(() => [{create: {_id: `doc-${n}`, _type: 't', n}}], {author: 'me'})
    const before = walCommits(wal)
    await Promise.all([1, 2, 3, 4].map(create))
    expect(walCommits(wal) - before).toBe(1)
    for (const n of [5, 6, 7]) await create(n)
    expect(walCommits(wal) - before).toBe(1 + 3)
  })

  it('keeps a group\'s savepoint journals in memory, and lets other transactions spill theirs to disk', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    // Enough existing pages changed that a savepoint's journal outgrows what SQLite keeps in memory by default.
    const text = 'x'.repeat(2000)
    dataset.transact(() => Array.from({length: 200}, (_, n) => ({create: {_id: `doc-${n}`, _type: 't', text}})), {author: 'me'})
    const rewriteAll = () => Array.from({length: 200}, (_, n) => ({patch: {id: `doc-${n}`, set: {text: `${text}${n}`}}}))
    // A savepoint's journal stays open until its transaction ends: the next plan of the group sees it.
    const during: string[][] = []
    const look = () => {
      during.push(openSqliteTempFiles())
      return [{create: {_id: `probe-${during.length}`, _type: 't'}}]
    }
    await Promise.all([dataset.transactGrouped(rewriteAll, {author: 'me'}), dataset.transactGrouped(look, {author: 'me'})])
    // And in a group where a transaction fails (rolled back to its savepoint).
    const taken = dataset.transactGrouped(() => [...rewriteAll(), {create: {_id: 'doc-0', _type: 't'}}], {author: 'me'})
    await Promise.all([dataset.transactGrouped(rewriteAll, {author: 'me'}), taken.catch(() => null), dataset.transactGrouped(look, {author: 'me'})])
    await expect(taken).rejects.toMatchObject({status: 409})
    expect(during).toEqual([[], []])
    // After the groups, SQLite's default holds again (large sorts and journals go to disk, not memory).
    dataset.db.exec('CREATE TABLE spill (text TEXT)')
    const insert = dataset.db.prepare('INSERT INTO spill VALUES (?)')
    for (let n = 0; n < 200; n++) insert.run(text)
    dataset.db.exec('BEGIN; SAVEPOINT outside; UPDATE spill SET text = text || 1')
    const outside = openSqliteTempFiles()
    dataset.db.exec('ROLLBACK')
    expect(outside).toHaveLength(1)
  })

  it('announces a transaction committed on its own after the groups committed before it', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const heard: string[] = []
    dataset.subscribe((tx) => heard.push(`${tx.seq} ${tx.id}`))
    const grouped = dataset.transactGrouped(() => [{create: {_id: 'a', _type: 't'}}], {author: 'me', transactionId: 'g1'})
    // Two turns: the group has committed; its fsync may or may not have finished.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve))
    dataset.transact(() => [{create: {_id: 'b', _type: 't'}}], {author: 'me', transactionId: 's2'})
    await grouped
    await vi.waitFor(() => expect(heard).toEqual(['1 g1', '2 s2']))
  })

  it('acknowledges only what is committed: another connection reads it as soon as the promise resolves', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    await Promise.all([1, 2].map((n) => dataset.transactGrouped(() => [{create: {_id: `doc-${n}`, _type: 't'}}], {author: 'me'})))
    const other = openLake({dir: temp.dir})
    expect(other.dataset('production')!.count()).toBe(2)
    other.close()
  })

  it('rejects every transaction of a group whose commit fails, and notifies nobody', async () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const heard: string[] = []
    dataset.subscribe((tx) => heard.push(tx.id))
    const commits = [1, 2].map((n) => dataset.transactGrouped(() => [{create: {_id: `doc-${n}`, _type: 't'}}], {author: 'me'}))
    temp.lake.deleteDataset('production')
    const results = await Promise.allSettled(commits)
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected'])
    expect(heard).toEqual([])
  })

  it('gives concurrent HTTP mutations their own transaction ids and revisions', async () => {
    const served = await startTestLake()
    const client = served.client()
    const responses = await Promise.all(
      Array.from({length: 12}, (_, n) => client.mutate([{create: {_id: `doc-${n}`, _type: 't', n}}], {visibility: 'sync', returnDocuments: false})),
    )
    const ids = responses.map((response) => response.transactionId)
    expect(new Set(ids).size).toBe(12)
    const docs = await client.fetch<Array<{n: number; _rev: string}>>('*[_type == "t"] | order(n asc){n, _rev}')
    expect(docs.map((doc) => doc._rev)).toEqual(ids)
    const log = served.running.lake.dataset('production')!.transactions({})
    expect(log.map((tx) => tx.id).sort()).toEqual([...ids].sort())
    expect(log.map((tx) => tx.seq)).toEqual(Array.from({length: 12}, (_, n) => n + 1))
    await served.close()
  })
})
