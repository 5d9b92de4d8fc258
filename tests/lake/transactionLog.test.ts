/**
 * Issue 15: `GET data/history/:dataset/transactions` without ids gives the whole log (what
 * `npm run snapshot -- --git` replays), resumable after a transaction.
 */
import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
  const client = lake.client()
  await client.mutate([{create: {_id: 'a', _type: 'note', title: 'A'}}], {transactionId: 'tx1'})
  await client.mutate([{create: {_id: 'b', _type: 'note', title: 'B'}}], {transactionId: 'tx2'})
  await client.mutate([{patch: {id: 'a', set: {title: 'A2'}}}], {transactionId: 'tx3'})
})
afterAll(() => lake.close())

async function log(query = ''): Promise<{status: number; text: string}> {
  const response = await fetch(`${lake.url}/v2025-02-19/data/history/production/transactions${query}`, {headers: {Authorization: `Bearer ${lake.token}`}})
  return {status: response.status, text: await response.text()}
}

describe('GET data/history/:dataset/transactions (the whole log)', () => {
  it('lists every transaction, oldest first, with effects that rebuild each document but its _rev', async () => {
    const entries = (await log()).text.split('\n').filter(Boolean).map((line) => JSON.parse(line))
    expect(entries.map((entry) => [entry.id, entry.author, entry.documentIDs])).toEqual([
      ['tx1', 'p-local-editor', ['a']],
      ['tx2', 'p-local-editor', ['b']],
      ['tx3', 'p-local-editor', ['a']],
    ])
    const a = applyPatch(applyPatch(null, entries[0].effects.a.apply), entries[2].effects.a.apply)
    // Effects leave `_rev` out: it is the transaction's id.
    const {_rev, ...current} = (await lake.client().getDocument('a')) ?? {}
    expect({_rev, a}).toEqual({_rev: 'tx3', a: current})
  })

  it('comes in pages of at most `limit` entries, each resumed after the last one read', async () => {
    const ids = async (query: string) => (await log(query)).text.split('\n').filter(Boolean).map((line) => JSON.parse(line).id)
    expect(await ids('?limit=2')).toEqual(['tx1', 'tx2'])
    expect(await ids('?limit=2&fromTransaction=tx2')).toEqual(['tx3'])
    expect(await log('?limit=10001')).toEqual({
      status: 400,
      text: JSON.stringify({error: 'Bad Request', message: '"limit" is at most 10000 entries per page, got 10001', statusCode: 400}),
    })
  })

  it('resumes after a transaction, and says when it does not know it', async () => {
    expect((await log('?fromTransaction=tx2')).text.split('\n').filter(Boolean).map((line) => JSON.parse(line).id)).toEqual(['tx3'])
    expect(await log('?fromTransaction=nope')).toEqual({
      status: 404,
      text: JSON.stringify({error: 'Not Found', message: 'Transaction "nope" not found', statusCode: 404}),
    })
  })
})
