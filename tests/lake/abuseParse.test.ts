/**
 * groq-js parses an operator chain in time quadratic in its length, and a parse cannot be
 * interrupted: a long query is parsed on a query worker (under the time budget), never on the
 * main thread, and the queries the main thread must parse (a listener's, a delete or patch by query) are bounded in length.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLakeProcess, type LakeProcess} from '../helpers/lakeProcess.ts'

let lake: LakeProcess

beforeAll(async () => {
  lake = await startLakeProcess({queryTimeoutMs: 300})
  const response = await post('/data/mutate/production', {mutations: [{create: {_id: 'kept', _type: 'note'}}]}, true)
  expect(response.status).toBe(200)
})
afterAll(() => lake.close())

/** POSTs `body` as JSON to the lake's `path` (under /v2025-02-19), with the token when `editor`. */
function post(path: string, body: unknown, editor = false): Promise<Response> {
  const headers: Record<string, string> = {'content-type': 'application/json'}
  if (editor) headers.authorization = `Bearer ${lake.token}`
  return fetch(`${lake.url}/v2025-02-19${path}`, {method: 'POST', headers, body: JSON.stringify(body)})
}

/** `a+a+…+a`: 60 KB, seconds of parsing for groq-js. */
const CHAIN = 'a' + '+a'.repeat(30_000)

describe('long queries', () => {
  it('parses an anonymous 60 KB operator chain on a worker: the budget ends it while an editor queries and writes', async () => {
    const finished: string[] = []
    const chain = post('/data/query/production', {query: CHAIN}).then(async (response) => {
      finished.push('chain')
      return {status: response.status, body: await response.json()}
    })
    // Sent once the chain has reached the lake, so the lake is busy with it by then.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const write = await post('/data/mutate/production', {mutations: [{patch: {id: 'kept', set: {seen: true}}}]}, true)
    // Read by id, on the main thread: a query would wait for a worker, whose budget a busy machine can use up.
    const read = await fetch(`${lake.url}/v2025-02-19/data/doc/production/kept`, {headers: {authorization: `Bearer ${lake.token}`}})
    finished.push('editor')
    expect(write.status).toBe(200)
    expect(await read.json()).toMatchObject({documents: [{_id: 'kept', seen: true}]})
    const description = 'Query timed out: it ran longer than the time budget; narrow it with filters or limits'
    expect(await chain).toEqual({status: 400, body: {error: {type: 'queryTimeoutError', description}}})
    expect(finished).toEqual(['editor', 'chain'])
    expect(lake.exited()).toBeNull()
  })

  it('still reports the parse error of a long query that does not parse', async () => {
    const query = `*[_type == "note" && (${'a||'.repeat(1500)}a]`
    const response = await post('/data/query/production', {query})
    expect({status: response.status, body: await response.json()}).toMatchObject({
      status: 400,
      body: {error: {type: 'queryParseError', description: 'Unexpected end of query', start: query.length - 2, end: query.length - 1}},
    })
  })

  it('refuses a listener query over 4096 characters with 400 saying how to shorten it', async () => {
    const query = `*[_id in [${'"x",'.repeat(1100)}"x"]]`
    const response = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent(query)}`)
    expect({status: response.status, body: await response.json()}).toEqual({
      status: 400,
      body: {
        error: 'Bad Request',
        message:
          `Listener queries are limited to 4096 characters, this one has ${query.length}: ` +
          'listen with a shorter filter and pass long values (such as lists of ids) as $parameters',
        statusCode: 400,
      },
    })
  })

  it('refuses a delete by a query over 4096 characters with 400 saying how to shorten it, and deletes nothing', async () => {
    const query = `*[_id in [${'"x",'.repeat(1100)}"x"]]`
    const response = await post('/data/mutate/production', {mutations: [{delete: {query}}]}, true)
    const description =
      `Queries in mutations are limited to 4096 characters, this one has ${query.length}: ` +
      'select with a shorter filter and pass long values (such as lists of ids) as $parameters'
    const error = {type: 'mutationError', description}
    expect({status: response.status, body: await response.json()}).toEqual({status: 400, body: {error: {...error, items: [{error, index: 0}]}}})
    const kept = await fetch(`${lake.url}/v2025-02-19/data/doc/production/kept`, {headers: {authorization: `Bearer ${lake.token}`}})
    expect(await kept.json()).toMatchObject({documents: [{_id: 'kept'}]})
  })

  it('says a query is nested too deeply, not that a stack ran out', async () => {
    const description =
      'The query is nested too deeply to parse: use fewer nested brackets, parentheses or unary operators, or a shorter chain of operators'
    const query = `${'('.repeat(100_000)}1${')'.repeat(100_000)}`
    const response = await post('/data/query/production', {query})
    expect({status: response.status, body: await response.json()}).toEqual({
      status: 400,
      body: {error: {type: 'queryParseError', description, query, start: 0, end: 1}},
    })
  })

  it('refuses a listener filter that reaches outside an item inside a per-item expression, and keeps the usual ones', async () => {
    const refused = (outside: string) => ({
      status: 400,
      body: {
        error: 'Bad Request',
        message:
          `Listener filters cannot use ${outside} inside a per-item expression such as items[...]: it would run over the whole ` +
          "document once per item on every change. Filter on the item's own fields, or query instead of listening",
        statusCode: 400,
      },
    })
    const listen = async (query: string) => {
      const response = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent(query)}`)
      if (response.status === 200) {
        await response.body?.cancel()
        return {status: 200}
      }
      return {status: response.status, body: await response.json()}
    }
    expect(await listen('*[count(items[@ in ^.items]) > 0]')).toEqual(refused('^'))
    expect(await listen('*[count(items[@ in *[0].items]) > 0]')).toEqual(refused('*'))
    expect(await listen('*[_type == "note"] | order(_id)')).toEqual({status: 200})
    expect(await listen('*[_type == "note" && count(items[kind == "a" && count(tags[@ == "x"]) > 0]) > 0 && _id in *[_type == "note"]._id]')).toEqual({
      status: 200,
    })
  })
})
