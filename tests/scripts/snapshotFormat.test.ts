/**
 * Issue 15, snapshots: the file format (stable key order, no write fields, safe file names) and
 * the restore order (referenced documents first, cycles kept in one transaction).
 */
import {describe, expect, it} from 'vitest'
import {documentFile, fileNames} from '../../scripts/lib/snapshot/format.ts'
import {restoreBatches} from '../../scripts/lib/snapshot/restorePlan.ts'

describe('documentFile', () => {
  it('puts _id, _type and _key first, the rest by code point, at every level, and drops _rev and _updatedAt', () => {
    const doc = {title: 'ت', _updatedAt: 'x', _rev: 'r', body: [{text: 'a', _type: 'span', _key: 'k'}], _type: 'article', _createdAt: 'c', _id: 'a1', Zed: 1}
    expect(documentFile(doc)).toBe(
      '{\n  "_id": "a1",\n  "_type": "article",\n  "Zed": 1,\n  "_createdAt": "c",\n  "body": [\n    {\n      "_type": "span",\n      "_key": "k",\n      "text": "a"\n    }\n  ],\n  "title": "ت"\n}\n',
    )
  })
})

describe('fileNames', () => {
  it('names each document after its id', () => {
    expect([...fileNames(['drafts.a', 'versions.rX1.a', '_.releases.rX1']).values()]).toEqual(['drafts.a.json', 'versions.rX1.a.json', '_.releases.rX1.json'])
  })

  it('refuses ids that differ only in case, and ids that are not file names', () => {
    expect(() => fileNames(['rAb', 'rab'])).toThrow('Documents "rAb" and "rab" differ only in case: one file on case-insensitive file systems')
    expect(() => fileNames(['../x'])).toThrow('Document id "../x" cannot be a file name')
  })
})

describe('restoreBatches', () => {
  const doc = (id: string, ...refs: string[]) => ({_id: id, _type: 't', refs: refs.map((ref) => ({_ref: ref}))})
  const ids = (batches: Array<Array<Record<string, unknown>>>) => batches.map((batch) => batch.map((d) => d._id))

  it('writes referenced documents first', () => {
    expect(ids(restoreBatches([doc('a', 'b'), doc('b', 'c'), doc('c')], 1))).toEqual([['c'], ['b'], ['a']])
  })

  it('keeps a reference cycle in one batch', () => {
    expect(ids(restoreBatches([doc('a', 'b'), doc('b', 'a'), doc('z')], 1))).toEqual([['b', 'a'], ['z']])
  })

  it('fills batches up to the byte budget', () => {
    expect(ids(restoreBatches([doc('a'), doc('b'), doc('c')], 1_000_000))).toEqual([['a', 'b', 'c']])
  })
})
