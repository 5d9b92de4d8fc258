/**
 * Errors the lake meets at its edges (issue 11, item 7): a full disk, bodies nested too deep,
 * URLs too long. Each gets a clear status and a Content Lake error body, and the lake keeps serving.
 */
import {connect} from 'node:net'

import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {SqliteDataset} from '../../lake/store/dataset.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
  await lake.client().create({_id: 'kept', _type: 'note', title: 'written before the disk filled up'})
})

afterAll(() => lake.close())

async function call(path: string, init: {method?: string; body?: unknown} = {}) {
  const response = await fetch(`${lake.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  })
  const text = await response.text()
  return {status: response.status, type: response.headers.get('content-type'), body: text === '' ? null : JSON.parse(text)}
}

const create = (id: string) =>
  call('/v2025-02-19/data/mutate/production', {method: 'POST', body: {mutations: [{create: {_id: id, _type: 'note', text: 'x'.repeat(200_000)}}]}})

/** `[[[ … ]]]`, `levels` deep, as JSON text. */
const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels)

const DISK_FULL = {
  error: 'Insufficient Storage',
  message: 'The local Content Lake\'s disk is full: nothing of this request was written. Free disk space, then retry; reading still works.',
  statusCode: 507,
}

describe('a full disk', () => {
  it('answers writes 507 saying so, keeps answering reads, and writes again once there is room', async () => {
    const dataset = lake.running.lake.dataset('production')
    if (!(dataset instanceof SqliteDataset)) throw new Error('expected the SQLite dataset')
    // SQLite's own size cap makes it answer SQLITE_FULL, as a full disk does.
    const pages = Number(dataset.db.prepare('PRAGMA page_count').get()?.page_count)
    dataset.db.exec(`PRAGMA max_page_count = ${pages}`)
    try {
      expect(await create('one')).toEqual({status: 507, type: 'application/json; charset=utf-8', body: DISK_FULL})
      // Writes queued in one turn share one SQLite commit: each is told, none is written.
      const group = await Promise.all([create('two'), create('three'), create('four')])
      expect(group.map((answer) => [answer.status, answer.body])).toEqual([[507, DISK_FULL], [507, DISK_FULL], [507, DISK_FULL]])

      expect((await call('/v2025-02-19/data/doc/production/kept')).body.documents).toEqual([
        expect.objectContaining({_id: 'kept', title: 'written before the disk filled up'}),
      ])
      const query = encodeURIComponent('*[_type == "note"]._id')
      expect((await call(`/v2025-02-19/data/query/production?query=${query}`)).body.result).toEqual(['kept'])
      // A field no query used before: its index cannot be created, the query scans instead.
      const newField = encodeURIComponent('*[title == "written before the disk filled up"] | order(title desc)._id')
      expect((await call(`/v2025-02-19/data/query/production?query=${newField}`)).body.result).toEqual(['kept'])
    } finally {
      dataset.db.exec('PRAGMA max_page_count = 1073741823')
    }
    expect((await create('after')).status).toBe(200)
  })
})

describe('bodies nested too deep', () => {
  const TOO_DEEP = {error: 'Bad Request', message: 'The request body is nested more than 100 levels deep; the limit is 100', statusCode: 400}

  it('answers a query parameter nested 100,000 levels deep with 400', async () => {
    const body = `{"query": "$p", "params": {"p": ${nested(100_000)}}}`
    expect(await call('/v2025-02-19/data/query/production', {method: 'POST', body})).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      body: TOO_DEEP,
    })
  })

  it('answers a key-value setting nested 100,000 levels deep with 400', async () => {
    const body = `[{"key": "deep", "value": ${nested(100_000)}}]`
    expect(await call('/v2026-05-04/users/me/keyvalue', {method: 'PUT', body})).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      body: TOO_DEEP,
    })
  })

  it('answers a query or listen parameter in the URL nested 7,000 levels deep with 400', async () => {
    // Brackets stay unencoded in a query string: 7,000 levels fit in 16 KB.
    const deep = `query=${encodeURIComponent('*[_id == $p]')}&$p=${nested(7_000)}`
    const answer = {
      status: 400,
      type: 'application/json; charset=utf-8',
      body: {error: 'Bad Request', message: 'Parameter "$p" is nested more than 100 levels deep; the limit is 100', statusCode: 400},
    }
    expect(await call(`/v2025-02-19/data/query/production?${deep}`)).toEqual(answer)
    expect(await call(`/v2025-02-19/data/listen/production?${deep}`)).toEqual(answer)
  })

  it('still takes a parameter nested as deep as the limit allows', async () => {
    // The body is level 1, params level 2, the value's outer array level 3.
    const body = `{"query": "count($p)", "params": {"p": ${nested(98)}}}`
    expect((await call('/v2025-02-19/data/query/production', {method: 'POST', body})).body.result).toBe(1)
  })
})

describe('URLs too long', () => {
  it('answers a URL over 16 KB with 431 and a JSON error body, then serves the next request', async () => {
    const query = encodeURIComponent(`*[title == "${'a'.repeat(17_000)}"]`)
    expect(await call(`/v2025-02-19/data/query/production?query=${query}`)).toEqual({
      status: 431,
      type: 'application/json; charset=utf-8',
      body: {
        error: 'Request Header Fields Too Large',
        message: 'The request URL and headers exceed 16 KB. Send long queries with POST data/query {"query", "params"}.',
        statusCode: 431,
      },
    })
    expect((await call('/v2025-02-19/data/doc/production/kept')).status).toBe(200)
  })
})

describe('requests Node cannot parse', () => {
  it('answers a malformed request line with 400 and a JSON error body', async () => {
    const socket = connect(Number(new URL(lake.url).port), '127.0.0.1')
    socket.end('NOT HTTP AT ALL\r\n\r\n')
    let answer = ''
    for await (const chunk of socket) answer += String(chunk)
    const [head, body] = answer.split('\r\n\r\n')
    expect(head?.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request')
    expect(JSON.parse(body ?? '')).toEqual({error: 'Bad Request', message: 'Malformed HTTP request (HPE_INVALID_METHOD).', statusCode: 400})
  })
})

describe('requests without a Host header', () => {
  it('answers an HTTP/1.1 request without Host with 400 and a body that says what to send; HTTP/1.0 needs none', async () => {
    const raw = async (request: string) => {
      const socket = connect(Number(new URL(lake.url).port), '127.0.0.1')
      socket.end(request)
      let answer = ''
      for await (const chunk of socket) answer += String(chunk)
      const [head, body] = answer.split('\r\n\r\n')
      return {status: head?.split('\r\n')[0]?.split(' ')[1], body: JSON.parse(body ?? '') as unknown}
    }
    expect(await raw('GET /v2025-02-19/data/doc/production/kept HTTP/1.1\r\nConnection: close\r\n\r\n')).toEqual({
      status: '400',
      body: {error: 'Bad Request', message: 'The request has no Host header, which HTTP/1.1 requires: send one, e.g. "Host: 127.0.0.1:3900"', statusCode: 400},
    })
    expect(await raw('GET /v2025-02-19/data/doc/production/kept HTTP/1.0\r\n\r\n')).toMatchObject({status: '200'})
  })
})

describe('methods a fetch Request cannot carry', () => {
  it('answers TRACE and CONNECT with 405 and a JSON error body, then serves the next request', async () => {
    for (const [method, target] of [['TRACE', '/v2025-02-19/data/doc/production/kept'], ['CONNECT', '127.0.0.1:443']]) {
      const socket = connect(Number(new URL(lake.url).port), '127.0.0.1')
      socket.end(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
      let answer = ''
      for await (const chunk of socket) answer += String(chunk)
      const [head, body] = answer.split('\r\n\r\n')
      expect(head?.split('\r\n')[0]).toBe('HTTP/1.1 405 Method Not Allowed')
      expect(JSON.parse(body ?? '')).toEqual({
        error: 'Method Not Allowed',
        message: `Method ${method} is not allowed: the lake answers GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS`,
        statusCode: 405,
      })
    }
    expect((await call('/v2025-02-19/data/doc/production/kept')).status).toBe(200)
  })
})
