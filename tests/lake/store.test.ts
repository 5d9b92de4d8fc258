import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {openLake, type LocalLake} from '../../lake/store.ts'
import type {Transaction} from '../../lake/types.ts'

let dir: string
let lake: LocalLake

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lake-store-'))
  lake = openLake({dir})
})
afterEach(() => {
  lake.close()
  rmSync(dir, {recursive: true, force: true})
})

describe('store', () => {
  it('creates datasets on first write only', () => {
    expect(lake.dataset('production')).toBeNull()
    expect(lake.datasets()).toEqual([])
    lake.dataset('production', {create: true})
    expect(lake.datasets()).toEqual(['production'])
  })

  it('notifies subscribers after commit, in commit order, with per-document changes', () => {
    const dataset = lake.dataset('production', {create: true})!
    const heard: Array<[number, string, string[]]> = []
    const unsubscribe = dataset.subscribe((tx) => heard.push([tx.seq, tx.id, tx.changes.map((c) => `${c.operation} ${c.id}`)]))
    dataset.mutate([{create: {_id: 'a', _type: 't'}}, {create: {_id: 'b', _type: 't'}}], {author: 'me', transactionId: 't1'})
    dataset.mutate([{patch: {query: '*[_type == "t"]', set: {x: 1}}}], {author: 'me', transactionId: 't2'})
    dataset.mutate([{delete: {id: 'a'}}], {author: 'me', transactionId: 't3'})
    unsubscribe()
    dataset.mutate([{delete: {id: 'b'}}], {author: 'me', transactionId: 't4'})
    expect(heard).toEqual([
      [1, 't1', ['create a', 'create b']],
      [2, 't2', ['update a', 'update b']],
      [3, 't3', ['delete a']],
    ])
  })

  it('records mutations per document that @sanity/mutator can replay', async () => {
    const {Mutation} = await import('@sanity/mutator')
    const dataset = lake.dataset('production', {create: true})!
    dataset.mutate([{create: {_id: 'a', _type: 't', n: 1}}], {author: 'me'})
    const tx: Transaction = dataset.mutate(
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
    const dataset = lake.dataset('production', {create: true})!
    const t1 = dataset.mutate([{create: {_id: 'a', _type: 't', v: 1}}], {author: 'alice', transactionId: 't1'})
    // History by time has millisecond resolution: t3 must not share t1's millisecond.
    untilNextMillisecond()
    dataset.mutate([{create: {_id: 'b', _type: 't'}}], {author: 'bob', transactionId: 't2'})
    dataset.mutate([{patch: {id: 'a', set: {v: 2}}}], {author: 'bob', transactionId: 't3'})
    dataset.mutate([{delete: {id: 'a'}}], {author: 'alice', transactionId: 't4'})
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
    lake.dataset('production', {create: true})!.mutate([{create: {_id: 'a', _type: 't'}}], {author: 'me'})
    lake.close()
    lake = openLake({dir})
    expect(lake.dataset('production')?.get('a')?._type).toBe('t')
  })

  it('runs transact() plans atomically', () => {
    const dataset = lake.dataset('production', {create: true})!
    dataset.mutate([{create: {_id: 'drafts.a', _type: 't', v: 1}}], {author: 'me'})
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

/** Waits (at most about a millisecond) until the wall clock has moved on. */
function untilNextMillisecond(): void {
  const start = Date.now()
  while (Date.now() === start) {
    // spin: a sleep would be coarser than the millisecond we wait for
  }
}
