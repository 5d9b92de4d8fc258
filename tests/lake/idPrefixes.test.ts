/**
 * Documents by id prefix (a release's versions, the releases themselves: read each time the
 * Studio opens a document and by each release action) come from a range of the id index, with the
 * prefix's bounds exact.
 */
import {describe, expect, it} from 'vitest'
import type {SqliteDataset} from '../../lake/store/dataset.ts'
import {startsWith} from '../../lake/store/where.ts'
import {tempStore} from '../helpers/tempStore.ts'

const temp = tempStore('id-prefixes-')

/** Around the bounds of `versions.r.`: `-` sorts just before `.`, `0` just after the range's end (`/`). */
const IDS = ['versions.r.a', 'versions.r.b', 'versions.r0.a', 'versions.r2.a', 'versions.q.a', 'versions.r-.a', '_.releases.r', 'drafts.a', 'a']

function filled(): SqliteDataset {
  const dataset = temp.lake.dataset('production', {create: true})!
  dataset.transact(() => IDS.map((_id) => ({create: {_id, _type: 'doc'}})), {author: 'test'})
  return dataset
}

describe('documents by id prefix', () => {
  it('are exactly those whose id starts with it', () => {
    const dataset = filled()
    const ids = (...idPrefixes: string[]) => [...dataset.scan({idPrefixes})].map((doc) => doc._id)
    expect(ids('versions.r.')).toEqual(['versions.r.a', 'versions.r.b'])
    expect(ids('versions.r')).toEqual(['versions.r-.a', 'versions.r.a', 'versions.r.b', 'versions.r0.a', 'versions.r2.a'])
    expect(ids('versions.r.', '_.releases.')).toEqual(['_.releases.r', 'versions.r.a', 'versions.r.b'])
    expect(ids('')).toEqual([...IDS].sort())
    expect(ids()).toEqual([])
  })

  it('are searched in the id index, not read row by row', () => {
    const dataset = filled()
    const range = startsWith('id', 'versions.r.')
    const plan = dataset.db.prepare(`EXPLAIN QUERY PLAN SELECT json FROM documents WHERE ${range.sql}`).all(...range.args)
    expect(plan.map((row) => String(row.detail))).toEqual(['SEARCH documents USING INDEX sqlite_autoindex_documents_1 (id>? AND id<?)'])
  })
})
