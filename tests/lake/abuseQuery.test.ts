import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../helpers/lakeProcess.ts'

let lake: LakeProcess

/** The documents of groq-test-suite's "Filters" file, in its order. */
const DOCUMENTS = [
  {_id: 'e', _type: 'test', name: 'E'},
  {_id: 'c', _type: 'test', name: 'C', other: {_ref: 'e'}},
  {_id: 'd', _type: 'test', name: 'D'},
  {_id: 'b', _type: 'test', name: 'B', other: {_ref: 'c'}},
  {_id: 'a', _type: 'test', name: 'A', other: {_ref: 'b'}, others: [{_ref: 'e'}, {_ref: 'c'}, {_ref: 'b'}, {_ref: 'd'}]},
  {_id: 'id', _type: 'values', v_integer: 1, v_string: 'string'},
]

/** groq-test-suite's "documents, nested 3": ten nested `_id in *[...]._id`. */
function nested3(): string {
  let filter = '_id >= "c" && _type == "test"'
  for (let i = 0; i < 10; i++) filter = `_id in *[${filter}][]._id`
  return `*[${filter}] | order(_id)[]._id`
}

async function query(text: string): Promise<{status: number; body: Record<string, unknown>}> {
  const response = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(text)}`)
  return {status: response.status, body: (await response.json()) as Record<string, unknown>}
}

beforeAll(async () => {
  lake = await startLakeProcess({queryTimeoutMs: 300})
  const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
    body: JSON.stringify({mutations: DOCUMENTS.map((doc) => ({create: doc}))}),
  })
  expect(response.status).toBe(200)
})
afterAll(() => lake.close())

describe('anonymous queries cannot take the lake down', () => {
  it('answers "documents, nested 3" (independent subqueries run once) and keeps serving', async () => {
    const {status, body} = await query(nested3())
    expect({status, result: body.result}).toEqual({status: 200, result: ['c', 'd', 'e']})
    expect(await query('count(*)')).toMatchObject({status: 200, body: {result: 6}})
    expect(lake.exited()).toBeNull()
  })

  it('answers 400 queryTimeoutError past the time budget and keeps serving', async () => {
    // Each level reads its parent (`^`): 6^10 filter evaluations, none of which can be reused.
    let filter = '_id != ^._id'
    for (let i = 0; i < 10; i++) filter = `count(*[${filter}]) > 0 && _id != ^._id`
    const runaway = `count(*[${filter}])`
    const description = 'Query timed out: it ran longer than the time budget; narrow it with filters or limits'
    expect(await query(runaway)).toEqual({status: 400, body: {error: {type: 'queryTimeoutError', description}}})
    expect(await query('*[_id == "a"][0].other->name')).toMatchObject({status: 200, body: {result: 'B'}})
    expect(lake.exited()).toBeNull()
  })
})

/** Custom functions that each call the one below twice: groq-js's parse doubles with each level. */
function doublingFunctions(levels: number, tail: (top: string) => string): string {
  let text = 'fn a::f0($x) = $x{"v": 1};\n'
  for (let i = 1; i <= levels; i++) text += `fn a::f${i}($x) = $x{"a": a::f${i - 1}(@), "b": a::f${i - 1}(@)};\n`
  return text + tail(`a::f${levels}`)
}

describe('custom functions whose parse doubles with each level', () => {
  it('are parsed on a query worker, under its time budget: the lake answers others meanwhile', async () => {
    // 24 levels: about 20 minutes of parsing on the thread that serves every client, before.
    const order: string[] = []
    const slow = query(doublingFunctions(24, (top) => `${top}(*[0])`)).then((answer) => {
      order.push('slow')
      return {answer}
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const ping = await query('count(*)')
    order.push('ping')
    expect(ping).toMatchObject({status: 200, body: {result: 6}})
    const {answer} = await slow
    expect(answer).toMatchObject({status: 400, body: {error: {type: 'queryTimeoutError'}}})
    expect(order).toEqual(['ping', 'slow'])
    expect(lake.exited()).toBeNull()
  })

  it('are refused in a listener\'s filter, which the main thread must parse', async () => {
    const text = doublingFunctions(24, (top) => `*[defined(${top}(@))]`)
    const response = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent(text)}`)
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('Listener queries cannot define custom functions (fn) on this lake')
  })

  it('are refused in a mutation\'s query, which the write parses', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{delete: {query: doublingFunctions(24, (top) => `*[defined(${top}(@))]`)}}]}),
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('Queries in mutations cannot define custom functions (fn) on this lake')
    expect(await query('count(*)')).toMatchObject({status: 200, body: {result: 6}})
  })
})

/** Opens an anonymous listener with `filter`: its status, and its body when refused (an open stream is closed). */
async function listenAnswer(filter: string, params = ''): Promise<{status: number; text: string}> {
  const controller = new AbortController()
  const response = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent(filter)}${params}`, {signal: controller.signal})
  if (response.status === 200) {
    controller.abort()
    return {status: 200, text: ''}
  }
  return {status: response.status, text: await response.text()}
}

/** A word and a `match` pattern whose regex (`^a.*a.*…c$`) backtracks through every split: seconds on one core. */
const BACKTRACKING = `"${'a'.repeat(34)}" match "${'a*'.repeat(14)}c"`

describe('queries that are constant but not linear', () => {
  it('run on a query worker, under its time budget: a backtracking match and a quadratic array::intersects', async () => {
    const order: string[] = []
    const slow = query(BACKTRACKING).then((answer) => {
      order.push('slow')
      return answer
    })
    const items = 12_000
    const quadratic = fetch(`${lake.url}/v2025-02-19/data/query/production`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({query: 'array::intersects($a, $b)', params: {a: Array.from({length: items}, (_, i) => i), b: Array.from({length: items}, (_, i) => -i - 1)}}),
    }).then(async (response) => {
      order.push('quadratic')
      return {status: response.status, body: (await response.json()) as Record<string, unknown>}
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await query('count(*)')).toMatchObject({status: 200, body: {result: 6}})
    order.push('ping')
    expect(await slow).toMatchObject({status: 400, body: {error: {type: 'queryTimeoutError'}}})
    expect(await quadratic).toMatchObject({status: 400, body: {error: {type: 'queryTimeoutError'}}})
    expect(order[0]).toBe('ping')
    expect(lake.exited()).toBeNull()
  })

  it('answer a match with one * per word as before', async () => {
    expect(await query('"north korea" match "nor*"')).toMatchObject({status: 200, body: {result: true}})
  })

  it('are refused in a listener\'s filter and in a mutation\'s query, which the main thread runs', async () => {
    const listen = await listenAnswer(`*[_type == "zz" && ${BACKTRACKING}]`)
    expect(listen.status).toBe(400)
    expect(listen.text).toContain('Listener queries cannot use match with a pattern that is not a constant, or with more than one * in a word on this lake')
    const intersects = await listenAnswer('*[array::intersects(tags, $t)]', `&$t=${encodeURIComponent(JSON.stringify(Array.from({length: 1001}, (_, i) => i)))}`)
    expect(intersects.status).toBe(400)
    expect(intersects.text).toContain('array::intersects() with more than 1000 items')
    expect((await listenAnswer('*[title match "nor*"]')).status).toBe(200)
    const write = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{delete: {query: `*[_type == "zz" && ${BACKTRACKING}]`}}]}),
    })
    expect(write.status).toBe(400)
    expect(JSON.stringify(await write.json())).toContain('Queries in mutations cannot use match with a pattern that is not a constant, or with more than one * in a word on this lake: it runs inside the write')
    expect(await query('count(*)')).toMatchObject({status: 200, body: {result: 6}})
  })
})

describe('path() globs and large constant answers', () => {
  const GLOB = `"${'a.'.repeat(24)}a" in path("${'**.'.repeat(8)}b")`

  it('run a path() glob on a query worker, and refuse it in a listener\'s filter', async () => {
    const order: string[] = []
    const slow = query(GLOB).then((answer) => {
      order.push('slow')
      return answer
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await query('count(*)')).toMatchObject({status: 200, body: {result: 6}})
    order.push('ping')
    expect((await slow).status).toBe(400)
    expect(order[0]).toBe('ping')
    const listen = await listenAnswer(`*[_type == "zz" && ${GLOB}]`)
    expect(listen.status).toBe(400)
    expect(listen.text).toContain('path() with a pattern that is not a constant, or with more than one **')
    expect((await listenAnswer('*[_id in path("drafts.**")]')).status).toBe(200)
  })

  it('build a large constant answer on a worker, which keeps to the result limit', async () => {
    // 100 references to a 1 MB parameter: a 100 MB answer from a 1 MB request.
    const response = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({query: `[${Array.from({length: 100}, () => '$s').join(',')}]`, params: {s: 'x'.repeat(1_000_000)}}),
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({error: {type: 'queryResultTooLargeError'}})
  })
})
