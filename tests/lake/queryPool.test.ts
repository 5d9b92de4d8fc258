import {once} from 'node:events'
import {afterEach, describe, expect, it} from 'vitest'
import {collectEvents} from '../helpers/collectEvents.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake | null = null
afterEach(async () => {
  await lake?.close()
  lake = null
})

/** A query that reads its parent at every level (`^`), so it cannot be cached: it runs until stopped. */
function runaway(levels = 12): string {
  let filter = '_id != ^._id'
  for (let i = 0; i < levels; i++) filter = `count(*[${filter}]) > 0 && _id != ^._id`
  return `count(*[${filter}])`
}

async function anonymous(text: string): Promise<{status: number; body: Record<string, unknown>}> {
  const response = await fetch(`${lake!.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(text)}`)
  return {status: response.status, body: (await response.json()) as Record<string, unknown>}
}

/** Sends an anonymous query and resolves once the lake has handed it to the pool. */
async function sent(text: string): Promise<{answer: ReturnType<typeof anonymous>}> {
  const received = once(lake!.running.server, 'request')
  const answer = anonymous(text)
  await received
  return {answer}
}

async function seed(count: number): Promise<void> {
  const docs = Array.from({length: count}, (_, i) => ({createOrReplace: {_id: `doc-${i}`, _type: 'doc', i}}))
  await lake!.client().mutate(docs)
}

describe('query workers', () => {
  it('count a query\'s time from when its worker is ready, not from the worker\'s start', async () => {
    // A 50 ms budget: a new worker takes longer than that (and the 200 ms grace) to load on this
    // machine, and a busy one far longer; a trivial query on it must still be answered.
    lake = await startTestLake({queryTimeoutMs: 50})
    await lake.client().create({_id: 'p', _type: 'person'})
    expect(await lake.client().fetch('*[_type == $t]._id', {t: 'person'})).toEqual(['p'])
  })

  it('keep serving a token holder\'s writes, listen events and queries while an anonymous query runs', async () => {
    lake = await startTestLake({queryTimeoutMs: 2000})
    await seed(8)
    const order: string[] = []
    const client = lake.client()
    const listener = collectEvents(client, '*[_type == "doc"]')
    await listener.ready()
    const slow = (await sent(runaway())).answer.then((answer) => (order.push('runaway'), answer))
    await client.create({_id: 'during', _type: 'doc'}).then(() => order.push('write'))
    await listener.until((events) => events.some((event) => event.type === 'mutation')).then(() => order.push('event'))
    await client.fetch('*[_id == "during"]._id').then((ids) => order.push(`query ${ids}`))
    listener.close()
    expect(order).toEqual(['write', 'event', 'query during'])
    expect((await slow).body).toMatchObject({error: {type: 'queryTimeoutError'}})
  })

  it('terminate a worker whose query runs past the budget without reading documents, and replace it', async () => {
    lake = await startTestLake({queryTimeoutMs: 300})
    await seed(2)
    // Iterates a parameter, never the dataset: only the pool's timer can stop it.
    const response = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({query: 'count($a[]{"n": count($a[v > ^.v])})', params: {a: Array.from({length: 20_000}, (_, v) => ({v}))}}),
    })
    const description = 'Query timed out: it ran longer than the time budget; narrow it with filters or limits'
    expect({status: response.status, body: await response.json()}).toEqual({
      status: 400,
      body: {error: {type: 'queryTimeoutError', description}},
    })
    expect(await anonymous('*[_id == "doc-1"]._id')).toEqual({status: 200, body: expect.objectContaining({result: ['doc-1']})})
  })

  it('answer 400 queryMemoryLimitError past the heap limit, and the next query runs', async () => {
    lake = await startTestLake({queryPool: {memoryMb: 24}})
    await seed(1500)
    const description = 'Query used more than the memory limit of 24 MB: narrow it with filters, projections or limits'
    expect(await anonymous('*[]{"all": *[_id != ^._id]{i}}')).toEqual({
      status: 400,
      body: {error: {type: 'queryMemoryLimitError', description}},
    })
    expect(await anonymous('count(*)')).toMatchObject({status: 200, body: {result: 1500}})
  })

  it('scan more documents than the heap limit holds when the filter keeps few of them, text::query() too', async () => {
    lake = await startTestLake({queryPool: {memoryMb: 32}})
    // 2,000 documents of 12,000 Arabic letters: about 48 MB as strings, more than the 32 MB heap.
    const text = 'ب'.repeat(12_000)
    for (let start = 0; start < 2000; start += 100) {
      const docs = Array.from({length: 100}, (_, n) => start + n).map((i) => ({
        createOrReplace: {_id: `doc-${i}`, _type: 'doc', i, text: i % 500 === 7 ? `${text} needle` : text},
      }))
      await lake.client().mutate(docs)
    }
    const needles = ['doc-1007', 'doc-1507', 'doc-507', 'doc-7']
    expect(await anonymous('*[_type == "doc" && text match "needle"]._id')).toMatchObject({status: 200, body: {result: needles}})
    expect(await anonymous('*[text match "needle"] | order(i desc)[0]._id')).toMatchObject({status: 200, body: {result: 'doc-1507'}})
    expect(await anonymous('*[[@, _id] match text::query("needle")]._id')).toMatchObject({status: 200, body: {result: needles}})
    expect(await anonymous('count(*[text match "needle" || i < 3])')).toMatchObject({status: 200, body: {result: 7}})
  }, 60_000)

  it('refuse a result too large to send (one array shared a million times) with 400', async () => {
    lake = await startTestLake()
    await seed(300)
    const description = 'Query result too large: narrow it with filters, projections or limits'
    expect(await anonymous('*[]{ "x": *[]{ "y": *[] } }')).toEqual({
      status: 400,
      body: {error: {type: 'queryResultTooLargeError', description}},
    })
  })

  it('queue a bounded number of anonymous queries (429 beyond) and keep a worker for token holders', async () => {
    lake = await startTestLake({queryTimeoutMs: 1000, queryPool: {size: 2, anonymousQueue: 1}})
    await seed(8)
    const running = (await sent(runaway())).answer
    const waiting = (await sent(runaway())).answer
    const description = 'Too many anonymous queries are waiting; retry shortly or use a token'
    expect(await anonymous('*[_id == "doc-1"]._id')).toEqual({status: 429, body: {error: {type: 'rateLimitError', description}}})
    expect(await lake.client().fetch('*[_id == "doc-1"]._id')).toEqual(['doc-1'])
    const timedOut = {status: 400, body: {error: {type: 'queryTimeoutError'}}}
    expect(await Promise.all([running, waiting])).toMatchObject([timedOut, timedOut])
  })

  it('see every write acknowledged before the query', async () => {
    lake = await startTestLake()
    const client = lake.client()
    for (let i = 0; i < 20; i++) {
      await client.createOrReplace({_id: 'counter', _type: 'counter', n: i})
      expect(await client.fetch('*[_id == "counter"][0].n')).toBe(i)
    }
  })
})
