/**
 * Issue 15, export: `GET /v…/data/export/:dataset` streams NDJSON ordered by id, as hosted Sanity
 * does for `sanity dataset export`; `types` filters; drafts, versions, private and system
 * documents only with the token.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
  const client = lake.client()
  await client.action({actionType: 'sanity.action.release.create', releaseId: 'rA', metadata: {title: 'Launch'}})
  await client.mutate<Record<string, unknown>>([
    {createOrReplace: {_id: 'person-b', _type: 'person', name: 'سارة'}},
    {createOrReplace: {_id: 'article-a', _type: 'article', title: 'Published'}},
    {createOrReplace: {_id: 'drafts.article-a', _type: 'article', title: 'Draft'}},
    {createOrReplace: {_id: 'versions.rA.article-a', _type: 'article', title: 'Release'}},
    {createOrReplace: {_id: 'private.doc', _type: 'note', title: 'Private'}},
  ])
})
afterAll(() => lake.close())

async function exportIds(query: string, token?: string): Promise<{status: number; type: string | null; ids: string[]}> {
  const response = await fetch(`${lake.url}/v2025-02-19/data/export/production${query}`, {
    headers: token ? {Authorization: `Bearer ${token}`} : {},
  })
  const text = await response.text()
  const ids = text.split('\n').filter(Boolean).map((line) => String(JSON.parse(line)._id))
  return {status: response.status, type: response.headers.get('content-type'), ids}
}

describe('GET data/export', () => {
  it('streams every document as NDJSON, ordered by id, with the token', async () => {
    expect(await exportIds('', lake.token)).toEqual({
      status: 200,
      type: 'application/x-ndjson; charset=utf-8',
      ids: ['_.releases.rA', 'article-a', 'drafts.article-a', 'person-b', 'private.doc', 'versions.rA.article-a'],
    })
  })

  it('gives anonymous callers the published dotless documents only', async () => {
    expect((await exportIds('')).ids).toEqual(['article-a', 'person-b'])
  })

  it('keeps the types named in "types"', async () => {
    expect((await exportIds('?types=article,note', lake.token)).ids).toEqual([
      'article-a',
      'drafts.article-a',
      'private.doc',
      'versions.rA.article-a',
    ])
    expect((await exportIds('?types=person')).ids).toEqual(['person-b'])
  })

  it('sends whole documents, the same as data/doc returns', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/export/production?types=person`)
    const [line] = (await response.text()).split('\n')
    expect(JSON.parse(line ?? '')).toEqual(await lake.client().getDocument('person-b'))
  })

  it('is one state of the dataset, read as the client reads: writes during a slow download neither appear nor tear it', async () => {
    const client = lake.client()
    const notes = Array.from({length: 4}, (_, i) => ({_id: `note-${i}`, _type: 'note', text: 'before'}))
    await client.mutate(notes.map((note) => ({createOrReplace: note})))
    // The export's reading side (data/export pulls a chunk from it each time the client reads).
    const snapshot = lake.running.lake.dataset('production')?.openSnapshot({types: ['note']})
    const first = snapshot?.next()
    await client.mutate([{delete: {id: 'note-3'}}, {create: {_id: 'note-4', _type: 'note', text: 'late'}}, {patch: {id: 'note-2', set: {text: 'changed'}}}])
    const rest: Array<{id: string; text: string}> = []
    for (let row = snapshot?.next(); row; row = snapshot?.next()) rest.push({id: row.id, text: JSON.parse(row.json).text})
    expect(first?.id).toBe('note-0')
    expect(rest).toEqual([
      {id: 'note-1', text: 'before'},
      {id: 'note-2', text: 'before'},
      {id: 'note-3', text: 'before'},
      {id: 'private.doc', text: undefined},
    ])
    // The next export is the dataset as it is now.
    const response = await fetch(`${lake.url}/v2025-02-19/data/export/production?types=note`, {headers: {Authorization: `Bearer ${lake.token}`}})
    const now = (await response.text()).split('\n').filter(Boolean).map((line) => JSON.parse(line) as {_id: string; text?: string})
    expect(now.map((doc) => [doc._id, doc.text])).toEqual([['note-0', 'before'], ['note-1', 'before'], ['note-2', 'changed'], ['note-4', 'late'], ['private.doc', undefined]])
    await client.mutate(['note-0', 'note-1', 'note-2', 'note-4'].map((id) => ({delete: {id}})))
  })

  it('answers an unknown dataset with 404 and creates nothing', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/export/nothing`, {headers: {Authorization: `Bearer ${lake.token}`}})
    expect({status: response.status, body: await response.json()}).toEqual({
      status: 404,
      body: {error: 'Not Found', message: 'Dataset "nothing" not found', statusCode: 404},
    })
    expect(lake.running.lake.datasets()).toEqual(['production'])
  })
})
