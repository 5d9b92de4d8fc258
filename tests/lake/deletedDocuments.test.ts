/**
 * Issue 15, deleted documents: `GET data/history/:dataset/deleted` lists documents that are gone
 * (no published document, no draft), newest first, with who deleted them and when.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {countParses} from '../helpers/countParses.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
  const client = lake.client()
  await client.create({_id: 'source-old', _type: 'source', title: 'Old source'})
  await client.create({_id: 'person-gone', _type: 'person', name: 'Gone'})
  await client.create({_id: 'drafts.person-draft', _type: 'person', name: 'Draft only'})
  await client.create({_id: 'source-kept', _type: 'source', title: 'Kept'})
  await client.create({_id: 'drafts.source-kept', _type: 'source', title: 'Kept draft'})
  await client.action({actionType: 'sanity.action.document.delete', publishedId: 'source-old', includeDrafts: []})
  await client.delete('drafts.person-draft')
  await client.delete('person-gone')
  await client.delete('drafts.source-kept')
  await client.create({_id: 'person-gone', _type: 'person', name: 'Back again'})
})
afterAll(() => lake.close())

async function deleted(query = '', token: string | null = lake.token): Promise<{status: number; body: unknown}> {
  const response = await fetch(`${lake.url}/v2025-02-19/data/history/production/deleted${query}`, {
    headers: token ? {Authorization: `Bearer ${token}`} : {},
  })
  return {status: response.status, body: await response.json()}
}

describe('GET data/history/:dataset/deleted', () => {
  it('lists the documents that are gone, newest first, with who deleted them and when', async () => {
    const {status, body} = await deleted()
    expect(status).toBe(200)
    const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
    const tx = expect.any(String)
    expect(body).toEqual({
      documents: [
        {id: 'person-draft', type: 'person', title: 'Draft only', deletedAt: at, deletedBy: 'p-local-editor', transactionId: tx},
        {id: 'source-old', type: 'source', title: 'Old source', deletedAt: at, deletedBy: 'p-local-editor', transactionId: tx},
      ],
    })
  })

  it('takes a limit', async () => {
    const {body} = await deleted('?limit=1')
    expect(body).toMatchObject({documents: [{id: 'person-draft'}]})
    expect(await deleted('?limit=0')).toEqual({
      status: 400,
      body: {error: 'Bad Request', message: '"limit" must be a positive integer, got 0', statusCode: 400},
    })
  })

  it('needs a token', async () => {
    expect(await deleted('', null)).toEqual({
      status: 401,
      body: {error: 'Unauthorized', message: 'History requires a token: send "Authorization: Bearer <token>"', statusCode: 401},
    })
  })
})

describe('a long log of large documents', () => {
  it('is not read to list the deleted ones: only the deletions are walked', async () => {
    const client = lake.client()
    const text = 'x'.repeat(100_000)
    for (let n = 0; n < 100; n++) await client.createOrReplace({_id: 'person-large', _type: 'person', name: `Large ${n}`, text})
    let listed: {status: number; body: unknown} | undefined
    const parses = await countParses(100_000, async () => {
      listed = await deleted()
    })
    // Walking whole transactions parsed each of the 100 revisions before and after: 199 documents.
    expect(parses).toBe(0)
    expect(listed).toMatchObject({status: 200, body: {documents: [{id: 'person-draft'}, {id: 'source-old'}]}})
  })
})

describe('a published document whose drafts were deleted by its publishes', () => {
  it('is not read to tell it is not deleted', async () => {
    const client = lake.client()
    const text = 'x'.repeat(100_000)
    await client.create({_id: 'drafts.person-published', _type: 'person', name: 'Published', text})
    await client.action({actionType: 'sanity.action.document.publish', publishedId: 'person-published', draftId: 'drafts.person-published'})
    let listed: {status: number; body: unknown} | undefined
    const parses = await countParses(100_000, async () => {
      listed = await deleted()
    })
    // Its existence was found by reading it: 1 parse per such document before.
    expect(parses).toBe(0)
    expect(listed).toMatchObject({status: 200, body: {documents: [{id: 'person-draft'}, {id: 'source-old'}]}})
  })
})
