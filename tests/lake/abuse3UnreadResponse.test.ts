/**
 * A response written whole (a query answer of up to 64 MB) stays in the lake's memory until its
 * client reads it. A client that asks and never reads must not hold it for as long as it keeps the
 * connection: 20 such connections held 1.5 GB. The connection is ended once the unsent part of the
 * response stops shrinking for the stall time; a client that reads gets all of it.
 */
import {connect} from 'node:net'
import {afterAll, describe, expect, it} from 'vitest'

import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake({responseStallMs: 1000})
afterAll(() => lake.close())

const PARAM = 'x'.repeat(1_000_000)
const BODY = JSON.stringify({query: `[${Array(20).fill('$a').join(',')}]`, params: {a: PARAM}})

function openConnections(): Promise<number> {
  return new Promise((resolve, reject) => lake.running.server.getConnections((error, count) => (error ? reject(error) : resolve(count))))
}

describe('a large answer left unread', () => {
  it('ends the connection once it stops being read', async () => {
    const port = Number(new URL(lake.url).port)
    const socket = connect(port, '127.0.0.1')
    socket.on('error', () => {})
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    socket.write(
      `POST /v2025-02-19/data/query/production HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`,
    )
    socket.pause()
    expect(await openConnections()).toBe(1)
    while ((await openConnections()) > 0) await new Promise((resolve) => setTimeout(resolve, 50))
    socket.destroy()
  })

  it('is sent whole to a client that reads it', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {method: 'POST', headers: {'content-type': 'application/json'}, body: BODY})
    expect(response.status).toBe(200)
    const body = (await response.json()) as {result: string[]}
    expect(body.result).toHaveLength(20)
    expect(body.result.every((item) => item === PARAM)).toBe(true)
  })
})
