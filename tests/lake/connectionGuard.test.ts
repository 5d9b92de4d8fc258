/**
 * Connection limits (lake/connectionGuard.ts), found by an abuse run: silent sockets used up every
 * file descriptor, and new clients were refused.
 */
import {connect, type Socket} from 'node:net'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {maxConnections} from '../../lake/connectionGuard.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake({firstRequestMs: 300, requestTimeoutMs: 1000})
})
afterAll(() => lake?.close())

function open(): Promise<Socket> {
  const socket = connect(Number(new URL(lake.url).port), '127.0.0.1')
  return new Promise((done, fail) => {
    socket.once('connect', () => done(socket))
    socket.once('error', fail)
  })
}

/** Whether the lake closes `socket` within `ms` (the bound only decides when the test gives up). */
function closedWithin(socket: Socket, ms: number): Promise<boolean> {
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms)
    socket.once('close', () => {
      clearTimeout(timer)
      done(true)
    })
    socket.on('error', () => {})
  })
}

describe('connection limits', () => {
  it('closes a connection that sends no request', async () => {
    const silent = await open()
    expect(await closedWithin(silent, 5000)).toBe(true)
    expect((await fetch(`${lake.url}/v1/ping`)).status).toBe(200)
  })

  it('keeps a connection whose request streams quietly (a listener) open past that time', async () => {
    const controller = new AbortController()
    const response = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent('*[_type == "note"]')}`, {
      headers: {authorization: `Bearer ${lake.token}`},
      signal: controller.signal,
    })
    const reader = response.body?.getReader()
    await reader?.read()
    await new Promise((resolve) => setTimeout(resolve, 800))
    await lake.client().create({_type: 'note', title: 'still listening'})
    const event = new TextDecoder().decode((await reader?.read())?.value)
    expect(event).toContain('event: mutation')
    controller.abort()
  })

  it('closes a connection whose request body stops coming', async () => {
    const socket = await open()
    socket.write('POST /v2025-02-19/data/query/production HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":')
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')))
    expect(await closedWithin(socket, 10_000)).toBe(true)
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout')
    expect((await fetch(`${lake.url}/v1/ping`)).status).toBe(200)
  })

  it('answers pipelined requests, in order', async () => {
    const socket = await open()
    const requests = Array.from({length: 10}, (_, i) => `GET /v2025-02-19/data/query/production?query=${i} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
    let text = ''
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
    socket.end(`${requests.join('')}GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
    await closedWithin(socket, 10_000)
    const results = [...text.matchAll(/"result":(\d+)/g)].map((match) => Number(match[1]))
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('takes no more connections than it may open files, less a reserve', () => {
    expect(lake.running.server.maxConnections).toBeGreaterThanOrEqual(64)
    expect(maxConnections(1024)).toBe(512)
    expect(maxConnections(20000)).toBe(19488)
    expect(maxConnections(null)).toBe(4096)
    expect(maxConnections(100)).toBe(64)
  })
})
