import {chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {DatabaseSync} from 'node:sqlite'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {openLake} from '../../lake/store.ts'
import type {Transaction} from '../../lake/types.ts'
import {startTestLake} from '../helpers/lake.ts'
import {tempStore} from '../helpers/tempStore.ts'

const temp = tempStore('lake-store-')

describe('store', () => {
  it('creates datasets on first write only', () => {
    expect(temp.lake.dataset('production')).toBeNull()
    expect(temp.lake.datasets()).toEqual([])
    temp.lake.dataset('production', {create: true})
    expect(temp.lake.datasets()).toEqual(['production'])
  })

  it('notifies subscribers after commit, in commit order, with per-document changes', () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const heard: Array<[number, string, string[]]> = []
    const unsubscribe = dataset.subscribe((tx) => heard.push([tx.seq, tx.id, tx.changes.map((c) => `${c.operation} ${c.id}`)]))
    dataset.transact(() => [{create: {_id: 'a', _type: 't'}}, {create: {_id: 'b', _type: 't'}}], {author: 'me', transactionId: 't1'})
    dataset.transact(() => [{patch: {query: '*[_type == "t"]', set: {x: 1}}}], {author: 'me', transactionId: 't2'})
    dataset.transact(() => [{delete: {id: 'a'}}], {author: 'me', transactionId: 't3'})
    unsubscribe()
    dataset.transact(() => [{delete: {id: 'b'}}], {author: 'me', transactionId: 't4'})
    expect(heard).toEqual([
      [1, 't1', ['create a', 'create b']],
      [2, 't2', ['update a', 'update b']],
      [3, 't3', ['delete a']],
    ])
  })

  it('records mutations per document that @sanity/mutator can replay', async () => {
    const {Mutation} = await import('@sanity/mutator')
    const dataset = temp.lake.dataset('production', {create: true})!
    dataset.transact(() => [{create: {_id: 'a', _type: 't', n: 1}}], {author: 'me'})
    const tx: Transaction = dataset.transact(() => 
      [{patch: {query: '*[_id == "a"]', inc: {n: 2}, set: {s: 'x'}}}, {patch: {id: 'a', unset: ['s']}}],
      {author: 'me'},
    )
    const [change] = tx.changes
    expect(change?.mutations).toEqual([{patch: {id: 'a', inc: {n: 2}, set: {s: 'x'}}}, {patch: {id: 'a', unset: ['s']}}])
    const replayed = new Mutation({mutations: change!.mutations as never}).apply(change!.before as never)
    const {_rev, _updatedAt, ...expected} = change!.after!
    const {_rev: r, _updatedAt: u, ...actual} = replayed as Record<string, unknown>
    expect(actual).toEqual(expected)
  })

  it('answers transactions() with filters and documentAt() by revision and time', () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const t1 = dataset.transact(() => [{create: {_id: 'a', _type: 't', v: 1}}], {author: 'alice', transactionId: 't1'})
    // History by time has millisecond resolution: t3 must not share t1's millisecond.
    untilNextMillisecond()
    dataset.transact(() => [{create: {_id: 'b', _type: 't'}}], {author: 'bob', transactionId: 't2'})
    dataset.transact(() => [{patch: {id: 'a', set: {v: 2}}}], {author: 'bob', transactionId: 't3'})
    dataset.transact(() => [{delete: {id: 'a'}}], {author: 'alice', transactionId: 't4'})
    const ids = (query: Parameters<typeof dataset.transactions>[0]) => dataset.transactions(query).map((tx) => tx.id)
    expect(ids({})).toEqual(['t1', 't2', 't3', 't4'])
    expect(ids({ids: ['a']})).toEqual(['t1', 't3', 't4'])
    expect(ids({authors: ['bob']})).toEqual(['t2', 't3'])
    expect(ids({fromTransaction: 't2', toTransaction: 't3'})).toEqual(['t2', 't3'])
    expect(ids({reverse: true, limit: 2})).toEqual(['t4', 't3'])
    const [t3] = dataset.transactions({fromTransaction: 't3', limit: 1})
    expect(t3?.changes).toMatchObject([{id: 'a', operation: 'update', previousRev: 't1', before: {v: 1}, after: {v: 2}}])
    expect(dataset.documentAt('a', {revision: 't1'})?.v).toBe(1)
    expect(dataset.documentAt('a', {revision: 't3'})?.v).toBe(2)
    expect(dataset.documentAt('a', {revision: 't4'})).toBeNull()
    expect(dataset.documentAt('a', {time: t1.timestamp})?.v).toBe(1)
    expect(dataset.documentAt('a', {time: '2000-01-01T00:00:00Z'})).toBeNull()
  })

  it('keeps data across reopening', () => {
    temp.lake.dataset('production', {create: true})!.transact(() => [{create: {_id: 'a', _type: 't'}}], {author: 'me'})
    temp.reopen()
    expect(temp.lake.dataset('production')?.get('a')?._type).toBe('t')
  })

  it('runs transact() plans atomically', () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    dataset.transact(() => [{create: {_id: 'drafts.a', _type: 't', v: 1}}], {author: 'me'})
    dataset.transact((reader) => {
      const draft = reader.get('drafts.a')
      return [{createOrReplace: {...draft, _id: 'a'}}, {delete: {id: 'drafts.a'}}]
    }, {author: 'me'})
    expect([dataset.get('a')?.v, dataset.get('drafts.a')]).toEqual([1, null])
    expect(() =>
      dataset.transact(() => {
        throw new Error('plan failed')
      }, {author: 'me'}),
    ).toThrow('plan failed')
    expect(dataset.transactions({}).length).toBe(2)
  })
})

describe('revision storage', () => {
  it('stores a document once per revision: the newest in documents, superseded ones in their revision', () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    dataset.transact(() => [{create: {_id: 'a', _type: 't', v: 1}}, {createOrReplace: {_id: 'b', _type: 't', v: 1}}], {author: 'me', transactionId: 't1'})
    const rows = () =>
      dataset.db.prepare('SELECT doc_id, seq, json IS NOT NULL AS own, live, mutations FROM revisions ORDER BY doc_id, seq').all().map((row) => ({...row}))
    expect(rows()).toEqual([
      {doc_id: 'a', seq: 1, own: 0, live: 1, mutations: '["create"]'},
      {doc_id: 'b', seq: 1, own: 0, live: 1, mutations: '["createOrReplace"]'},
    ])
    dataset.transact(() => [{patch: {id: 'a', set: {v: 2}}}, {delete: {id: 'b'}}], {author: 'me', transactionId: 't2'})
    expect(rows().map(({doc_id, seq, own, live}) => [doc_id, seq, own, live])).toEqual([
      ['a', 1, 1, 0],
      ['a', 2, 0, 1],
      ['b', 1, 1, 0],
      ['b', 2, 0, 0],
    ])
    expect(dataset.documentAt('a', {revision: 't1'})).toMatchObject({v: 1, _rev: 't1'})
    expect(dataset.documentAt('a', {revision: 't2'})).toMatchObject({v: 2, _rev: 't2'})
    expect(dataset.documentAt('b', {revision: 't1'})).toMatchObject({v: 1})
    expect(dataset.documentAt('b', {revision: 't2'})).toBeNull()
  })

  it('reads back the exact per-document mutations, whatever was stored compactly', () => {
    const dataset = temp.lake.dataset('production', {create: true})!
    const written = [
      dataset.transact(() => [{create: {_id: 'a', _type: 't', n: {deep: [1, 2]}}}], {author: 'me'}),
      // A create followed by a patch of the same document: the create's body is not the result.
      dataset.transact(() => [{createOrReplace: {_id: 'b', _type: 't', n: 1}}, {patch: {id: 'b', inc: {n: 1}}}], {author: 'me'}),
      dataset.transact(() => [{createOrReplace: {_id: 'a', _type: 'u', _createdAt: '2020-01-01T00:00:00Z'}}], {author: 'me'}),
      dataset.transact(() => [{createIfNotExists: {_id: 'c', _type: 't'}}, {createIfNotExists: {_id: 'a', _type: 't'}}], {author: 'me'}),
      dataset.transact(() => [{delete: {id: 'c'}}], {author: 'me'}),
    ]
    written.push(
      dataset.transact(() => [{create: {_id: 'd', _type: 't', _rev: 'ignored', _updatedAt: 'ignored'}}], {author: 'me'}),
      dataset.transact(() => [{create: {_id: 'e', _type: 't', list: [{v: 1}]}}], {author: 'me', autoGenerateArrayKeys: true}),
      dataset.transact(() => [{create: {_type: 't', title: 'generated id'}}], {author: 'me'}),
    )
    const read = dataset.transactions({})
    expect(read.map((tx) => tx.changes)).toEqual(written.map((tx) => tx.changes))
    // The log keeps the mutations as submitted, whether stored in full or by reference to the document.
    expect(read.map((tx) => tx.mutations)).toEqual(written.map((tx) => tx.mutations))
    const log = dataset.db.prepare('SELECT mutations FROM transactions ORDER BY seq').all().map((row) => String(row.mutations))
    expect(log[0]).toBe('[["create","a",0]]')
    expect(log[2]).toBe('[["createOrReplace","a",1]]')
    expect(log[5]).toContain('"ignored"')
    expect(read[1]?.changes[0]?.mutations).toEqual([{createOrReplace: {_id: 'b', _type: 't', n: 1, _createdAt: written[1]!.timestamp}}, {patch: {id: 'b', inc: {n: 1}}}])
  })

  it('opens a dataset file of the earlier layout (revisions without "live") and keeps its history', () => {
    const old = join(temp.dir, 'old')
    mkdirSync(old)
    const db = new DatabaseSync(join(old, 'production.sqlite'))
    db.exec(`
      CREATE TABLE documents (id TEXT NOT NULL UNIQUE, pub_id TEXT NOT NULL, type TEXT NOT NULL, rev TEXT NOT NULL, json TEXT NOT NULL);
      CREATE TABLE transactions (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, timestamp TEXT NOT NULL, author TEXT NOT NULL, mutations TEXT NOT NULL);
      CREATE TABLE revisions (doc_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT, mutations TEXT NOT NULL, PRIMARY KEY (doc_id, seq)) WITHOUT ROWID;
    `)
    const doc = {_id: 'a', _type: 't', v: 1, _createdAt: '2026-01-01T00:00:00.000Z', _rev: 'old1', _updatedAt: '2026-01-01T00:00:00.000Z'}
    const mutation = {create: {_id: 'a', _type: 't', v: 1, _createdAt: '2026-01-01T00:00:00.000Z'}}
    db.prepare('INSERT INTO documents VALUES (?, ?, ?, ?, ?)').run('a', 'a', 't', 'old1', JSON.stringify(doc))
    db.prepare('INSERT INTO transactions VALUES (1, ?, ?, ?, ?)').run('old1', doc._updatedAt, 'me', JSON.stringify([mutation]))
    db.prepare('INSERT INTO revisions VALUES (?, 1, ?, ?)').run('a', JSON.stringify(doc), JSON.stringify([mutation]))
    db.close()
    const reopened = openLake({dir: old})
    try {
      const dataset = reopened.dataset('production')!
      dataset.transact(() => [{patch: {id: 'a', set: {v: 2}}}], {author: 'me', transactionId: 'new1'})
      expect(dataset.documentAt('a', {revision: 'old1'})).toEqual(doc)
      expect(dataset.documentAt('a', {revision: 'new1'})).toMatchObject({v: 2})
      expect(dataset.transactions({})[0]?.changes[0]).toMatchObject({operation: 'create', after: doc, mutations: [mutation]})
      expect(dataset.transactions({})[1]?.changes[0]).toMatchObject({operation: 'update', before: doc, after: {v: 2}})
    } finally {
      reopened.close()
    }
  })
})

/** Waits (at most about a millisecond) until the wall clock has moved on. */
function untilNextMillisecond(): void {
  const start = Date.now()
  while (Date.now() === start) {
    // spin: a sleep would be coarser than the millisecond we wait for
  }
}

describe('the lake\'s files on disk', () => {
  it('are readable by their owner only: a new folder, the datasets and their WAL, the Studio\'s store', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'lake-private-'))
    const dir = join(parent, 'new-lake')
    try {
      const lake = await startTestLake({dir})
      await lake.client().create({_type: 'note', title: 'a draft only the token may read'})
      await fetch(`${lake.url}/v2025-02-19/users/me/keyvalue`, {
        method: 'PUT',
        headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
        body: JSON.stringify([{key: 'studio.test', value: 1}]),
      })
      const modes = readdirSync(dir)
        .filter((name) => /\.(sqlite|db)(-wal|-shm)?$/.test(name))
        .map((name) => [name, (statSync(join(dir, name)).mode & 0o777).toString(8)])
      expect(modes.length).toBeGreaterThanOrEqual(3)
      expect(modes.filter(([, mode]) => mode !== '600')).toEqual([])
      expect((statSync(dir).mode & 0o777).toString(8)).toBe('700')
      await lake.close()
    } finally {
      rmSync(parent, {recursive: true, force: true})
    }
  })

  it('narrows a dataset file an earlier lake left readable by others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lake-private-'))
    try {
      const first = await startTestLake({dir})
      await first.client().create({_type: 'note'})
      await first.close()
      chmodSync(join(dir, 'production.sqlite'), 0o644)
      const again = await startTestLake({dir})
      expect((statSync(join(dir, 'production.sqlite')).mode & 0o777).toString(8)).toBe('600')
      await again.close()
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})
