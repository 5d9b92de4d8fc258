/**
 * Listen backpressure (issue 11, item 6): a listener that stops reading cannot make the lake
 * buffer every event: past LISTEN_BUFFER_HARD_MAX_BYTES unread its stream is closed at once, past
 * LISTEN_BUFFER_MAX_BYTES once it stayed unread for LISTEN_STALL_MS; either way the connection is
 * released. A listener that reads still gets every event of a large burst.
 */
import {connect, type Socket} from 'node:net'

import {afterEach, describe, expect, it} from 'vitest'

import {LISTEN_BUFFER_HARD_MAX_BYTES, LISTEN_BUFFER_MAX_BYTES, LISTEN_STALL_MS} from '../../lake/routes/eventStream.ts'
import {collectEvents} from '../helpers/collectEvents.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

/** 1 MB documents: each event carries one twice (the create mutation and the result). */
const DOCUMENT_BYTES = 1_000_000
/** How long the test waits for the lake to close the stream before failing. */
const CLOSE_DEADLINE_MS = LISTEN_STALL_MS + 10_000

let lake: TestLake
const log: string[] = []
let logWaiters: Array<(line: string) => void> = []

function record(line: string): void {
  log.push(line)
  for (const waiter of logWaiters) waiter(line)
  logWaiters = []
}

/** The lake's next log line (its deadline is the test's). */
function nextLogLine(): Promise<string> {
  return new Promise((done) => logWaiters.push(done))
}

afterEach(async () => {
  log.length = 0
  await lake?.close()
})

/** Writes the documents in the lake's own process, so the listener's is the only connection. */
function writeLargeDocuments(prefix: string, count: number): void {
  const dataset = lake.running.lake.dataset('production', {create: true})
  if (!dataset) throw new Error('no dataset')
  for (let i = 0; i < count; i++) {
    dataset.transact(() => [{create: {_id: `${prefix}-${i}`, _type: 'big', text: 'x'.repeat(DOCUMENT_BYTES)}}], {author: 'p-test'})
  }
}

/** Opens a listen stream on a raw socket and stops reading once the welcome event arrived. */
async function stalledListener(): Promise<Socket> {
  const {port} = new URL(lake.url)
  const socket = connect(Number(port), '127.0.0.1')
  socket.write(
    `GET /v2025-02-19/data/listen/production?query=${encodeURIComponent('*[_type == "big"]')} HTTP/1.1\r\n` +
      `Host: 127.0.0.1:${port}\r\nAuthorization: Bearer ${lake.token}\r\nAccept: text/event-stream\r\n\r\n`,
  )
  let head = ''
  await new Promise<void>((done, fail) => {
    const onData = (chunk: Buffer) => {
      head += chunk.toString('utf8')
      if (!head.includes('event: welcome')) return
      socket.off('data', onData)
      socket.pause()
      done()
    }
    socket.on('data', onData)
    socket.once('error', fail)
  })
  expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
  return socket
}

function connections(): Promise<number> {
  return new Promise((done, fail) => lake.running.server.getConnections((error, count) => (error ? fail(error) : done(count))))
}

/** Reads what is left on the socket until the lake closes it; the number of bytes read. */
function readUntilClosed(socket: Socket): Promise<number> {
  let received = 0
  socket.on('data', (chunk: Buffer) => (received += chunk.length))
  socket.on('error', () => {})
  return new Promise((done, fail) => {
    const deadline = setTimeout(() => fail(new Error(`the lake kept the stream open (${received} bytes read)`)), CLOSE_DEADLINE_MS)
    socket.once('close', () => {
      clearTimeout(deadline)
      done(received)
    })
    socket.resume()
  })
}

describe('listen backpressure', () => {
  it('closes at once the stream of a listener that stopped reading once it holds the hard limit, and releases it', async () => {
    lake = await startTestLake({log: record})
    lake.running.lake.dataset('production', {create: true})
    const socket = await stalledListener()
    expect(await connections()).toBe(1)

    writeLargeDocuments('stalled', 30)
    expect(log).toEqual([expect.stringMatching(new RegExp(`^listener on production closed: \\d+ bytes unread \\(limit ${LISTEN_BUFFER_HARD_MAX_BYTES}\\)$`))])
    // Reading again, the client gets what the kernel still held, then the end of the stream.
    expect(await readUntilClosed(socket)).toBeLessThan(LISTEN_BUFFER_HARD_MAX_BYTES)
    expect(await connections()).toBe(0)
  }, 30_000)

  it('closes the stream of a listener that leaves more than the soft limit unread for a while', async () => {
    lake = await startTestLake({log: record})
    lake.running.lake.dataset('production', {create: true})
    const socket = await stalledListener()
    const cut = nextLogLine()
    writeLargeDocuments('slow', 4)
    expect(log).toEqual([])
    await cut
    expect(await readUntilClosed(socket)).toBeLessThan(4 * 2 * DOCUMENT_BYTES)
    expect(log).toEqual([expect.stringMatching(new RegExp(`^listener on production closed: \\d+ bytes unread after ${LISTEN_STALL_MS} ms \\(limit ${LISTEN_BUFFER_MAX_BYTES}\\)$`))])
    expect(await connections()).toBe(0)
  }, 30_000)

  it('still delivers every event of a large burst to a listener that reads', async () => {
    lake = await startTestLake({log: record})
    lake.running.lake.dataset('production', {create: true})
    const listener = collectEvents(lake.client(), '*[_type == "big"]', {}, {includeResult: false})
    await listener.ready()
    // About half the hard limit in one event-loop turn: the listener reads only after it.
    writeLargeDocuments('read', 10)
    await listener.until((events) => events.filter((event) => event.type === 'mutation').length === 10)
    listener.close()
    expect(log).toEqual([])
  }, 30_000)
})
