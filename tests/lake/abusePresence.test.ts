/**
 * Issue 11, item 5 (sockets): presence WebSockets need the token (sent by the bifur client in its
 * first message), refuse pages on other origins, and time out when silent.
 */
import {randomBytes} from 'node:crypto'
import {createServer, request, type Server} from 'node:http'
import type {Duplex} from 'node:stream'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {LOCAL_EDITOR} from '../../lake/auth.ts'
import {createPresenceSockets, type PresenceOptions} from '../../lake/studioApi/presence.ts'
import {readFrame, type Frame} from '../../lake/studioApi/webSocketFrames.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const SOCKET_PATH = '/v2022-06-30/socket/production?tag=sanity.studio'
const authorization = (token: string) =>
  JSON.stringify({jsonrpc: '2.0', method: 'authorization', params: {authorization: `Bearer ${token}`, apiVersion: 'v1'}, id: 'a1'})

/** A WebSocket client by hand: it answers nothing unless told, and records the server's frames. */
interface RawSocket {
  socket: Duplex
  frames: Frame[]
  send(opcode: number, payload: string): void
  until(predicate: (frames: Frame[]) => boolean): Promise<void>
  closed: Promise<void>
}

function upgrade(url: string, origin?: string): Promise<RawSocket | {status: number; body: unknown}> {
  const headers: Record<string, string> = {
    connection: 'Upgrade',
    upgrade: 'websocket',
    'sec-websocket-key': randomBytes(16).toString('base64'),
    'sec-websocket-version': '13',
  }
  if (origin) headers.origin = origin
  return new Promise((resolve, reject) => {
    const req = request(url, {headers})
    req.on('error', reject)
    req.on('response', async (response) => {
      let text = ''
      for await (const chunk of response) text += String(chunk)
      resolve({status: response.statusCode ?? 0, body: JSON.parse(text)})
    })
    req.on('upgrade', (_response, socket) => resolve(rawSocket(socket)))
    req.end()
  })
}

function rawSocket(socket: Duplex): RawSocket {
  const frames: Frame[] = []
  let pending = Buffer.alloc(0)
  const waiters = new Set<() => void>()
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk])
    for (let frame = readFrame(pending); frame; frame = readFrame(pending)) {
      pending = pending.subarray(frame.length)
      frames.push(frame)
    }
    for (const wake of waiters) wake()
  })
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  return {
    socket,
    frames,
    closed,
    send(opcode, payload) {
      const body = Buffer.from(payload)
      const mask = randomBytes(4)
      const masked = Buffer.from(body.map((byte, i) => byte ^ (mask[i % 4] ?? 0)))
      socket.write(Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | body.length]), mask, masked]))
    },
    until(predicate) {
      return new Promise((resolve) => {
        const check = () => {
          if (!predicate(frames)) return
          waiters.delete(check)
          resolve()
        }
        waiters.add(check)
        check()
      })
    },
  }
}

function isRaw(value: RawSocket | {status: number}): value is RawSocket {
  return 'socket' in value
}

const closeOf = (frame: Frame | undefined) =>
  frame ? {code: frame.payload.readUInt16BE(0), reason: frame.payload.subarray(2).toString()} : null

describe('presence sockets on the lake', () => {
  let lake: TestLake
  beforeAll(async () => {
    lake = await startTestLake()
  })
  afterAll(() => lake.close())

  it('refuses pages on other origins with 403 JSON', async () => {
    const answer = await upgrade(`${lake.url}${SOCKET_PATH}`, 'https://evil.example')
    expect(answer).toEqual({
      status: 403,
      body: {error: 'Forbidden', message: 'Presence sockets are not open to pages on https://evil.example', statusCode: 403},
    })
  })

  it('refuses a local page that is not one of the Studios the lake was started for', async () => {
    const answer = await upgrade(`${lake.url}${SOCKET_PATH}`, 'http://evil.localhost:5555')
    expect(answer).toMatchObject({status: 403})
  })

  it('closes a socket whose authorization carries no valid token (4001)', async () => {
    const client = await upgrade(`${lake.url}${SOCKET_PATH}`, 'http://localhost:3333')
    if (!isRaw(client)) throw new Error(`upgrade refused: ${JSON.stringify(client)}`)
    client.send(0x1, authorization('not-the-token'))
    await client.closed
    expect(client.frames.map((frame) => closeOf(frame))).toEqual([
      {code: 4001, reason: 'Unauthorized - Session not found or invalid token'},
    ])
  })
})

describe('presence socket timeouts', () => {
  let server: Server
  let url: string
  const options: PresenceOptions = {
    identify: (token) => (token === 'good-token' ? LOCAL_EDITOR : null),
    isAllowedOrigin: (origin) => origin === 'http://localhost:3333',
    authTimeoutMs: 50,
    idleTimeoutMs: 200,
  }
  beforeAll(async () => {
    server = createServer((_req, res) => res.end())
    const presence = createPresenceSockets(options)
    server.on('upgrade', presence.upgrade)
    server.on('close', presence.closeAll)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${SOCKET_PATH}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('closes a socket that never sends the token', async () => {
    const client = await upgrade(url)
    if (!isRaw(client)) throw new Error(`upgrade refused: ${JSON.stringify(client)}`)
    await client.closed
    expect(closeOf(client.frames.find((frame) => frame.opcode === 0x8))).toEqual({code: 4001, reason: 'No authorization'})
  })

  it('sends an authorized socket nothing but pings, keeps it while it answers them, and drops it once it stops', async () => {
    const client = await upgrade(url, 'http://localhost:3333')
    if (!isRaw(client)) throw new Error(`upgrade refused: ${JSON.stringify(client)}`)
    client.send(0x1, authorization('good-token'))
    // The first ping is the ordering signal: anything sent in reply to the authorization is on the
    // same stream before it.
    await client.until((frames) => frames.length > 0)
    expect(client.frames.map((frame) => frame.opcode)).toEqual([0x9])
    let answered = 0
    // Answer the first five pings (2.5 idle periods), then go silent like a sleeping laptop.
    await client.until((frames) => {
      const pings = frames.filter((frame) => frame.opcode === 0x9).length
      for (; answered < Math.min(pings, 5); answered++) client.send(0xa, '')
      return pings >= 5
    })
    expect(client.socket.destroyed).toBe(false)
    await client.closed
    expect(client.frames.filter((frame) => frame.opcode !== 0x9)).toEqual([])
  })
})
