/**
 * History reads of a document with a long history: each reads the revisions it answers with, as
 * its reader reads them, not every revision of the document at once (the main thread was held
 * for the whole log, and the whole answer held in memory). The lake runs in this process, as one
 * handler: no socket buffers read ahead of the test.
 */
import {describe, expect, it} from 'vitest'
import {countParses} from '../helpers/countParses.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const TOKEN = 'history-abuse-token'
const local = tempLocalLake('lake-history-abuse-', TOKEN)
const BASE = 'http://127.0.0.1:3900/v2025-02-19'
const TEXT = 'x'.repeat(100_000)

function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers = {authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json'}
  return local.lake.handler(new Request(`${BASE}${path}`, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)}))
}

/** GETs `path` and parses its JSON answer, counting the parses of large texts meanwhile (the answer's own included). */
async function getCountingParses(path: string): Promise<{answer: unknown; parses: number}> {
  let answer: unknown
  const parses = await countParses(100_000, async () => {
    answer = await (await request('GET', path)).json()
  })
  return {answer, parses}
}

/** `person-long`: 100 revisions of 100 KB, then deleted (101 transactions); their ids in order. */
async function longHistory(): Promise<string[]> {
  for (let n = 0; n < 100; n++) {
    await request('POST', '/data/mutate/production', {mutations: [{createOrReplace: {_id: 'person-long', _type: 'person', name: `Long ${n}`, text: TEXT}}]})
  }
  await request('POST', '/data/mutate/production', {mutations: [{delete: {id: 'person-long'}}]})
  return local.lake.lake.dataset('production')!.transactions({ids: ['person-long']}).map((tx) => tx.id)
}

/** The log of `person-long` as its NDJSON lines' transaction ids, read to its end. */
async function logIds(query: string): Promise<string[]> {
  const text = await (await request('GET', `/data/history/production/transactions/person-long?${query}`)).text()
  return text.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as {id: string}).id)
}

describe('the last revision of a deleted document with a long history', () => {
  it('is read from its deletion alone', async () => {
    await longHistory()
    const {answer, parses} = await getCountingParses('/data/history/production/documents/person-long?lastRevision=true')
    expect(answer).toMatchObject({documents: [{_id: 'person-long', name: 'Long 99', text: TEXT}]})
    // The document before its deletion, and this test's parse of the answer; reading every
    // transaction that touched it parsed 201.
    expect(parses).toBe(2)
  })
})

describe('the transaction log of a document with a long history, asked for without a limit', () => {
  it('is read a page at a time, as its reader reads', async () => {
    await longHistory()
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
    const parses = await countParses(100_000, async () => {
      reader = (await request('GET', '/data/history/production/transactions/person-long?effectFormat=mendoza')).body!.getReader()
      await reader.read()
    })
    // The first page is one transaction, the log's first (no before, so one document); pages
    // grow while they stay quick. A first page of 16 parsed 31, the whole log read at once 200.
    expect(parses).toBe(1)
    await reader!.cancel()
  })

  it('comes whole, in order, forward and reverse, with limits and bounds as before', async () => {
    const all = await longHistory()
    expect(all).toHaveLength(101)
    expect(await logIds('')).toEqual(all)
    expect(await logIds('reverse=true')).toEqual([...all].reverse())
    expect(await logIds('limit=40')).toEqual(all.slice(0, 40))
    expect(await logIds('reverse=true&limit=40')).toEqual([...all].reverse().slice(0, 40))
    expect(await logIds(`fromTransaction=${all[10]}&toTransaction=${all[60]}`)).toEqual(all.slice(10, 61))
    expect(await logIds(`fromTransaction=${all[10]}&toTransaction=${all[60]}&reverse=true&limit=33`)).toEqual(all.slice(28, 61).reverse())
  })

  it('leaves out what is written while it is read', async () => {
    await longHistory()
    const reader = (await request('GET', '/data/history/production/transactions/person-long')).body!.getReader()
    const decoder = new TextDecoder()
    let text = decoder.decode((await reader.read()).value)
    await request('POST', '/data/mutate/production', {mutations: [{create: {_id: 'person-long', _type: 'person', name: 'Back'}}]})
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value)
    expect(text.split('\n').filter(Boolean)).toHaveLength(101)
  })
})

describe('the events of a document with a long history', () => {
  it('are derived from the log without reading its revisions', async () => {
    await longHistory()
    const {answer, parses} = await getCountingParses('/data/history/production/events/documents/person-long?limit=2')
    expect(answer).toMatchObject({
      events: {'person-long': [{type: 'deleteDocumentGroup', documentId: 'person-long'}, {type: 'updateLiveDocument', documentId: 'person-long'}]},
      nextCursor: '2',
    })
    // Reading the group's transactions parsed each revision before and after: 200 documents.
    expect(parses).toBe(0)
  })
})

describe('the events of a document, while releases hold large versions of others', () => {
  it('read none of those versions', async () => {
    await request('POST', '/data/actions/production', {actions: [{actionType: 'sanity.action.release.create', releaseId: 'rLarge', metadata: {title: 'Large'}}]})
    const versions = ['a', 'b', 'c'].map((name) => ({
      actionType: 'sanity.action.document.version.create',
      publishedId: `person-${name}`,
      document: {_id: `versions.rLarge.person-${name}`, _type: 'person', text: TEXT},
    }))
    expect((await request('POST', '/data/actions/production', {actions: versions})).status).toBe(200)
    await request('POST', '/data/mutate/production', {mutations: [{create: {_id: 'person-small', _type: 'person', name: 'Small'}}]})
    const {answer, parses} = await getCountingParses('/data/history/production/events/documents/person-small')
    expect(answer).toMatchObject({events: {'person-small': [{type: 'createLiveDocument', documentId: 'person-small'}]}, nextCursor: ''})
    // Finding the group's current versions read every version of the dataset: 3 here.
    expect(parses).toBe(0)
  })
})
