/**
 * Many listeners (anonymous ones too) must not multiply what a write costs: listeners that would
 * get the same events for a transaction share one encoding, and one buffer, of them; anonymous
 * ones are counted, and a filter that costs every write too much is closed and refused.
 */
import {describe, expect, it} from 'vitest'

import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-listeners-', 'listeners-token')

const BASE = 'http://lake.test/v2025-02-19'

async function listen(query: string, options = ''): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const response = await temp.lake.handler(new Request(`${BASE}/data/listen/production?query=${encodeURIComponent(query)}${options}`))
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no body')
  await reader.read() // welcome
  return reader
}

/** The events of one chunk, parsed. */
function events(chunk: Uint8Array | undefined): Array<Record<string, unknown>> {
  const text = new TextDecoder().decode(chunk)
  return text.split('\n\n').filter(Boolean).map((event) => JSON.parse(event.split('data: ')[1] ?? '') as Record<string, unknown>)
}

describe('listeners of one transaction', () => {
  it('share one encoded text when they hear the same events, and get their own otherwise', async () => {
    const notes = [await listen('*[_type == "note"]'), await listen('*[_type == "note" && defined(title)]')]
    const everything = await listen('*')
    const withoutResult = await listen('*[_type == "note"]', '&includeResult=false')
    const response = await temp.lake.handler(
      new Request(`${BASE}/data/mutate/production`, {
        method: 'POST',
        headers: {authorization: 'Bearer listeners-token', 'content-type': 'application/json'},
        body: JSON.stringify({mutations: [{create: {_id: 'n1', _type: 'note', title: 'T'}}, {create: {_id: 'o1', _type: 'other'}}]}),
      }),
    )
    expect(response.status).toBe(200)
    const [first, second] = await Promise.all(notes.map(async (reader) => (await reader.read()).value))
    expect(second).toBe(first)
    expect(events(first).map(({documentId, transactionTotalEvents, result}) => ({documentId, transactionTotalEvents, result}))).toEqual([
      {documentId: 'n1', transactionTotalEvents: 1, result: expect.objectContaining({_id: 'n1', title: 'T'})},
    ])
    const all = (await everything.read()).value
    expect(events(all).map(({documentId, transactionCurrentEvent}) => ({documentId, transactionCurrentEvent}))).toEqual([
      {documentId: 'n1', transactionCurrentEvent: 1},
      {documentId: 'o1', transactionCurrentEvent: 2},
    ])
    const bare = (await withoutResult.read()).value
    expect(bare).not.toBe(first)
    expect(events(bare)).toEqual([expect.not.objectContaining({result: expect.anything()})])
    for (const reader of [...notes, everything, withoutResult]) await reader.cancel()
  })
})

describe('anonymous listeners', () => {
  it('are at most 100 at once: the next gets 429 saying so, a token holder still listens, and a closed one frees its place', async () => {
    const open = await Promise.all(Array.from({length: 100}, () => listen('*[_type == "note"]')))
    const refused = await temp.lake.handler(new Request(`${BASE}/data/listen/production?query=${encodeURIComponent('*')}`))
    const description = 'Too many anonymous listeners are open (100); close some, retry shortly or use a token'
    expect({status: refused.status, body: await refused.json()}).toEqual({status: 429, body: {error: {type: 'rateLimitError', description}}})
    const editor = await temp.lake.handler(
      new Request(`${BASE}/data/listen/production?query=${encodeURIComponent('*')}`, {headers: {authorization: 'Bearer listeners-token'}}),
    )
    expect(editor.status).toBe(200)
    await editor.body?.cancel()
    await open[0]?.cancel()
    const next = await temp.lake.handler(new Request(`${BASE}/data/listen/production?query=${encodeURIComponent('*')}`))
    expect(next.status).toBe(200)
    await next.body?.cancel()
    for (const reader of open.slice(1)) await reader.cancel()
  })
})

describe('an anonymous listener whose filter costs every write', () => {
  it('gets a channelError and is closed, and the filter is refused to anonymous listeners; a cheap listener still hears the write', async () => {
    const cheap = await listen('*[_type == "note"]', '&includeResult=false')
    // Every word of 3.5 MB of text tested against the pattern: hundreds of milliseconds for groq-js
    // per change (string::split, which made it costlier, is no longer taken in a listener's filter).
    const query = '*[_type == "note" && text match "zzz"]'
    const costly = await listen(query)
    const write = await temp.lake.handler(
      new Request(`${BASE}/data/mutate/production`, {
        method: 'POST',
        headers: {authorization: 'Bearer listeners-token', 'content-type': 'application/json'},
        body: JSON.stringify({mutations: [{create: {_id: 'long', _type: 'note', text: 'word '.repeat(700_000)}}]}),
      }),
    )
    expect(write.status).toBe(200)
    expect(events((await cheap.read()).value).map(({documentId, transition}) => ({documentId, transition}))).toEqual([
      {documentId: 'long', transition: 'appear'},
    ])
    const message =
      "This listener's filter took more than 50 ms on one change, which every write waits for: it is closed; listen with a narrower filter, or with a token"
    expect(new TextDecoder().decode((await costly.read()).value)).toBe(`event: channelError\ndata: ${JSON.stringify({message})}\n\n`)
    expect((await costly.read()).done).toBe(true)
    const again = await temp.lake.handler(new Request(`${BASE}/data/listen/production?query=${encodeURIComponent(query)}`))
    expect({status: again.status, body: await again.json()}).toEqual({
      status: 400,
      body: {
        error: 'Bad Request',
        message:
          'This filter took more than 50 ms on one change, so anonymous listeners may not use it for 10 minutes: listen with a narrower filter, or with a token',
        statusCode: 400,
      },
    })
    await cheap.cancel()
  })
})
