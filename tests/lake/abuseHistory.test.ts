/**
 * History reads of documents with long histories: each reads the revisions it answers with, not
 * every revision of the document (a main thread held for the whole log otherwise).
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {countParses} from '../helpers/countParses.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake
const TEXT = 'x'.repeat(100_000)

beforeAll(async () => {
  lake = await startTestLake()
  const client = lake.client()
  for (let n = 0; n < 100; n++) await client.createOrReplace({_id: 'person-long', _type: 'person', name: `Long ${n}`, text: TEXT})
  await client.delete('person-long')
})
afterAll(() => lake.close())

async function get(path: string): Promise<{status: number; body: unknown}> {
  const response = await fetch(`${lake.url}/v2025-02-19${path}`, {headers: {authorization: `Bearer ${lake.token}`}})
  return {status: response.status, body: await response.json()}
}

describe('the last revision of a deleted document with a long history', () => {
  it('is read from its deletion alone', async () => {
    let answer: {status: number; body: unknown} | undefined
    const parses = await countParses(100_000, async () => {
      answer = await get('/data/history/production/documents/person-long?lastRevision=true')
    })
    expect(answer).toMatchObject({status: 200, body: {documents: [{_id: 'person-long', name: 'Long 99', text: TEXT}]}})
    // The document before its deletion, and this test's parse of the answer; reading every
    // transaction that touched it parsed 201.
    expect(parses).toBe(2)
  })
})
