/**
 * The lake as one web-standard function (issue 13, item 1): a `Request` in, a `Response` out, no
 * socket. Bodies are limited as on a port, and a listener is a `ReadableStream` that ends when its
 * reader cancels it.
 */
import {existsSync} from 'node:fs'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-handler-', 'handler-token')

const BASE = 'http://lake.test/v2025-02-19'
const auth = {authorization: 'Bearer handler-token'}

function mutate(mutations: unknown[]): Promise<Response> {
  return temp.lake.handler(new Request(`${BASE}/data/mutate/production`, {method: 'POST', headers: {...auth, 'content-type': 'application/json'}, body: JSON.stringify({mutations})}))
}

describe('the lake handler', () => {
  it('answers a Request with a Response in process, and opens no port', async () => {
    expect((await mutate([{create: {_id: 'note-a', _type: 'note', title: 'A'}}])).status).toBe(200)
    const response = await temp.lake.handler(new Request(`${BASE}/data/query/production?query=${encodeURIComponent('*[_type == "note"]{_id, title}')}`, {headers: auth}))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect((await response.json()).result).toEqual([{_id: 'note-a', title: 'A'}])
    expect(existsSync(join(temp.dir, 'lake.json'))).toBe(false)
  })

  it('answers a body its client stopped sending with 400, and logs no internal error', async () => {
    // What serve.ts hands over when the connection closes mid-body: a stream that fails.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"mutations": ['))
        controller.error(new Error('aborted'))
      },
    })
    // Node needs `duplex` for a streamed body; TypeScript's RequestInit does not name it yet.
    const streamed = {body, duplex: 'half'}
    const request = new Request(`${BASE}/data/mutate/production`, {method: 'POST', headers: {...auth, 'content-type': 'application/json'}, ...streamed})
    const response = await temp.lake.handler(request)
    expect({status: response.status, body: await response.json()}).toEqual({
      status: 400,
      body: {error: 'Bad Request', message: 'The request body was cut off before its end: send the request again', statusCode: 400},
    })
    expect(temp.logs).toEqual([])
  })

  it('refuses a body over the limit with 413, read from the stream whatever the headers say', async () => {
    const response = await mutate([{create: {_id: 'big', _type: 'note', text: 'x'.repeat(4_000_001)}}])
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({error: 'Payload Too Large', message: 'Request body exceeds limit of 4000000 bytes', statusCode: 413})
  })

  it('adds CORS headers for an Origin, and answers a preflight with 204', async () => {
    const preflight = await temp.lake.handler(new Request(`${BASE}/data/query/production`, {method: 'OPTIONS', headers: {origin: 'http://localhost:3333'}}))
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3333')
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
  })

  it('streams a listener as a ReadableStream: welcome, then each mutation; cancelling ends it', async () => {
    const response = await temp.lake.handler(new Request(`${BASE}/data/listen/production?query=${encodeURIComponent('*[_type == "note"]')}`, {headers: auth}))
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader()
    if (!reader) throw new Error('no body')
    expect((await reader.read()).value).toMatch(/^event: welcome\ndata: \{"listenerName":"L[0-9a-f-]+"\}\n\n$/)
    await mutate([{create: {_id: 'note-b', _type: 'note', title: 'B'}}])
    const event = (await reader.read()).value ?? ''
    expect(event).toMatch(/^id: .+\nevent: mutation\ndata: /)
    expect(JSON.parse(event.split('data: ')[1] ?? '')).toMatchObject({documentId: 'note-b', transition: 'appear'})
    await reader.cancel()
    expect(await reader.read()).toEqual({done: true, value: undefined})
  })
})
