import {spawn} from 'node:child_process'
import {createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse} from 'node:http'
import {createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket} from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'

import {Http1Pool} from '../../scripts/lib/http1Pool.ts'

const closers: Array<() => void> = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

interface Started {
  origin: string
  /** Connections the server accepted so far. */
  connections: () => number
}

/** A node:http server answering with `handle`; counts the connections it accepted. */
async function httpServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void, setup?: (server: HttpServer) => void): Promise<Started> {
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')))
  })
  setup?.(server)
  let accepted = 0
  server.on('connection', () => (accepted += 1))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => {
    server.closeAllConnections()
    server.close()
  })
  return {origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => accepted}
}

/** A raw TCP server: `onRequest` gets each request's head and writes whatever bytes it likes. */
async function rawServer(onRequest: (socket: Socket, head: string) => void): Promise<Started> {
  let accepted = 0
  const sockets = new Set<Socket>()
  const server: NetServer = createNetServer((socket) => {
    accepted += 1
    sockets.add(socket)
    let buffered = ''
    socket.on('data', (data) => {
      buffered += data.toString('latin1')
      let end: number
      while ((end = buffered.indexOf('\r\n\r\n')) >= 0) {
        const head = buffered.slice(0, end)
        buffered = buffered.slice(end + 4)
        onRequest(socket, head)
      }
    })
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => {
    for (const socket of sockets) socket.destroy()
    server.close()
  })
  return {origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => accepted}
}

function pool(origin: string, connections = 4): Http1Pool {
  const created = new Http1Pool(origin, {connections})
  closers.push(() => created.close())
  return created
}

/** Writes `bytes` one at a time, each in its own TCP write, a turn of the event loop apart. */
async function trickle(socket: Socket, bytes: string): Promise<void> {
  for (const byte of Buffer.from(bytes, 'latin1')) {
    socket.write(Buffer.of(byte))
    await new Promise((resolve) => setImmediate(resolve))
  }
}

describe('Http1Pool: a small HTTP/1.1 client for the local lake', () => {
  it('sends method, path, headers and a UTF-8 or byte body, and reads status, headers and body', async () => {
    const server = await httpServer((req, res, body) => {
      res.setHeader('set-cookie', ['a=1', 'b=2'])
      res.setHeader('content-type', 'application/json; charset=utf-8')
      res.writeHead(201)
      res.end(JSON.stringify({method: req.method, url: req.url, auth: req.headers.authorization, length: req.headers['content-length'], body}))
    })
    const client = pool(server.origin)
    const text = await client.request({method: 'POST', path: '/v1/data/mutate/production?returnIds=true', headers: {authorization: 'Bearer t', 'content-type': 'application/json'}, body: '{"title":"سلام ✓"}'})
    expect(text.statusCode).toBe(201)
    expect(text.statusMessage).toBe('Created')
    expect(text.headers['set-cookie']).toEqual(['a=1', 'b=2'])
    expect(text.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(text.body.toString('utf8'))).toEqual({
      method: 'POST',
      url: '/v1/data/mutate/production?returnIds=true',
      auth: 'Bearer t',
      length: String(Buffer.byteLength('{"title":"سلام ✓"}')),
      body: '{"title":"سلام ✓"}',
    })
    const bytes = await client.request({method: 'PUT', path: '/bytes', headers: {}, body: new TextEncoder().encode('بايت')})
    expect(JSON.parse(bytes.body.toString('utf8'))).toMatchObject({method: 'PUT', body: 'بايت', length: '8'})
    const empty = await client.request({method: 'POST', path: '/empty', headers: {}})
    expect(JSON.parse(empty.body.toString('utf8'))).toMatchObject({body: '', length: '0'})
  })

  it('keeps connections alive: sequential requests share one socket', async () => {
    const server = await httpServer((_req, res) => res.end('ok'))
    const client = pool(server.origin)
    for (let i = 0; i < 5; i++) expect((await client.request({method: 'GET', path: '/', headers: {}})).body.toString()).toBe('ok')
    expect(server.connections()).toBe(1)
  })

  it('opens at most `connections` sockets and queues the other requests', async () => {
    let active = 0
    let most = 0
    const server = await httpServer((_req, res) => {
      active += 1
      most = Math.max(most, active)
      setTimeout(() => {
        active -= 1
        res.end('done')
      }, 5)
    })
    const client = pool(server.origin, 2)
    const bodies = await Promise.all(Array.from({length: 12}, () => client.request({method: 'GET', path: '/', headers: {}}).then((r) => r.body.toString())))
    expect(bodies).toEqual(Array(12).fill('done'))
    expect(most).toBe(2)
    expect(server.connections()).toBe(2)
  })

  it('reads chunked bodies, with trailers, however the bytes are split', async () => {
    const server = await rawServer((socket, head) => {
      const trailer = head.startsWith('GET /trailer') ? 'x-checksum: 1\r\n' : ''
      void trickle(socket, `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\n${trailer}\r\n`)
    })
    const client = pool(server.origin)
    for (const path of ['/plain', '/trailer', '/plain']) {
      expect((await client.request({method: 'GET', path, headers: {}})).body.toString()).toBe('hello, world')
    }
    expect(server.connections()).toBe(1)
  })

  it('reads a body that ends when the server closes, and a Content-Length body split into single bytes', async () => {
    const server = await rawServer((socket, head) => {
      if (head.startsWith('GET /close')) socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil the end')
      else void trickle(socket, `HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\n${Buffer.from('بايت').toString('latin1')}`)
    })
    const client = pool(server.origin)
    expect((await client.request({method: 'GET', path: '/close', headers: {}})).body.toString()).toBe('until the end')
    expect((await client.request({method: 'GET', path: '/split', headers: {}})).body.toString()).toBe('بايت')
  })

  it('reads no body for HEAD, 204 and 304, skips 1xx interim responses, and closes on "Connection: close"', async () => {
    const server = await rawServer((socket, head) => {
      if (head.startsWith('HEAD')) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 42\r\n\r\n')
      else if (head.startsWith('GET /204')) socket.write('HTTP/1.1 204 No Content\r\n\r\n')
      else if (head.startsWith('GET /304')) socket.write('HTTP/1.1 304 Not Modified\r\ncontent-length: 9\r\n\r\n')
      else if (head.startsWith('GET /continue')) socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
      else socket.write('HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 3\r\n\r\nbye')
    })
    const client = pool(server.origin)
    const head = await client.request({method: 'HEAD', path: '/', headers: {}})
    expect([head.statusCode, head.headers['content-length'], head.body.length]).toEqual([200, '42', 0])
    expect((await client.request({method: 'GET', path: '/204', headers: {}})).statusCode).toBe(204)
    expect((await client.request({method: 'GET', path: '/304', headers: {}})).body.length).toBe(0)
    expect((await client.request({method: 'GET', path: '/continue', headers: {}})).body.toString()).toBe('ok')
    expect(server.connections()).toBe(1)
    // The first "close" response ends the socket the others shared; each later request needs a new one.
    for (let i = 0; i < 3; i++) expect((await client.request({method: 'GET', path: '/close', headers: {}})).body.toString()).toBe('bye')
    expect(server.connections()).toBe(3)
  })

  it('sends an idempotent request again on a new connection when the server drops a kept-alive one unanswered', async () => {
    // The server answers the first request on each connection and drops the connection on the
    // second, as a server does when its keep-alive timeout ends while a request is on the way.
    const seen: string[] = []
    const server = await rawServer((socket, head) => {
      seen.push(head.split(' ')[1] ?? '')
      const count = ((socket as Socket & {count?: number}).count = ((socket as Socket & {count?: number}).count ?? 0) + 1)
      if (count === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
      else socket.destroy()
    })
    const client = pool(server.origin, 1)
    expect((await client.request({method: 'GET', path: '/one', headers: {}})).body.toString()).toBe('ok')
    expect((await client.request({method: 'GET', path: '/two', headers: {}})).body.toString()).toBe('ok')
    expect((await client.request({method: 'POST', path: '/three', headers: {}, idempotent: true})).body.toString()).toBe('ok')
    expect((await client.request({method: 'POST', path: '/four', headers: {}, idempotent: true})).body.toString()).toBe('ok')
    expect(seen).toEqual(['/one', '/two', '/two', '/three', '/three', '/four', '/four'])
    expect(server.connections()).toBe(4)
  })

  it('does not send a POST again when the connection breaks unanswered: the server may have carried it out', async () => {
    const seen: string[] = []
    const server = await rawServer((socket, head) => {
      seen.push(head.split(' ')[1] ?? '')
      const count = ((socket as Socket & {count?: number}).count = ((socket as Socket & {count?: number}).count ?? 0) + 1)
      if (count === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
      else socket.destroy()
    })
    const client = pool(server.origin, 1)
    expect((await client.request({method: 'POST', path: '/one', headers: {}})).body.toString()).toBe('ok')
    await expect(client.request({method: 'POST', path: '/mutate', headers: {}})).rejects.toMatchObject({code: 'ERR_SOCKET_CLOSED_EARLY'})
    expect(seen).toEqual(['/one', '/mutate'])
  })

  it('fails, without sending again, when a new connection breaks mid-response; and when nothing listens', async () => {
    let requests = 0
    const server = await rawServer((socket) => {
      requests += 1
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial')
      setTimeout(() => socket.destroy(), 10)
    })
    await expect(pool(server.origin).request({method: 'POST', path: '/', headers: {}, body: 'x'})).rejects.toThrow(/closed the connection before the response was complete/)
    expect(requests).toBe(1)
    const unused = await rawServer(() => {})
    const port = new URL(unused.origin).port
    for (const close of closers.splice(0)) close()
    await expect(pool(`http://127.0.0.1:${port}`).request({method: 'GET', path: '/', headers: {}})).rejects.toMatchObject({code: 'ECONNREFUSED'})
  })

  it('rejects malformed responses with a message that says what was wrong', async () => {
    const server = await rawServer((socket, head) => {
      if (head.startsWith('GET /status')) socket.write('HTTP/2 200\r\n\r\n')
      else if (head.startsWith('GET /length')) socket.write('HTTP/1.1 200 OK\r\ncontent-length: lots\r\n\r\n')
      else socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n')
    })
    const client = pool(server.origin)
    await expect(client.request({method: 'GET', path: '/status', headers: {}})).rejects.toThrow('Not an HTTP/1.x response: "HTTP/2 200"')
    await expect(client.request({method: 'GET', path: '/length', headers: {}})).rejects.toThrow('Invalid Content-Length: lots')
    await expect(client.request({method: 'GET', path: '/chunk', headers: {}})).rejects.toThrow('Malformed chunk size')
    await expect(client.request({method: 'GET', path: '/', headers: {'x-bad': 'a\r\nb'}})).rejects.toThrow('Header "x-bad" contains a line break')
  })

  it('times out and aborts; the pool stays usable afterwards', async () => {
    const server = await rawServer((socket, head) => {
      if (!head.startsWith('GET /never')) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
    })
    const client = pool(server.origin, 1)
    await expect(client.request({method: 'GET', path: '/never', headers: {}, timeoutMs: 50})).rejects.toMatchObject({name: 'TimeoutError', message: 'Request timed out after 50 ms: GET /never'})
    const controller = new AbortController()
    const aborted = client.request({method: 'GET', path: '/never', headers: {}, signal: controller.signal})
    controller.abort()
    await expect(aborted).rejects.toMatchObject({name: 'AbortError'})
    await expect(client.request({method: 'GET', path: '/', headers: {}, signal: controller.signal})).rejects.toMatchObject({name: 'AbortError'})
    // Many timed requests on one socket leave no listeners behind (Node warns past 10).
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    try {
      for (let i = 0; i < 20; i++) expect((await client.request({method: 'GET', path: '/', headers: {}, timeoutMs: 1000})).body.toString()).toBe('ok')
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).toEqual([])
  })

  it('close() fails the requests in flight and those waiting for a connection, and later ones', async () => {
    const server = await rawServer(() => {})
    const client = new Http1Pool(server.origin, {connections: 1})
    const inFlight = client.request({method: 'GET', path: '/never', headers: {}})
    const waiting = client.request({method: 'GET', path: '/queued', headers: {}})
    await new Promise((resolve) => setTimeout(resolve, 20))
    client.close()
    await expect(inFlight).rejects.toThrow('Http1Pool is closed')
    await expect(waiting).rejects.toThrow('Http1Pool is closed')
    await expect(client.request({method: 'GET', path: '/', headers: {}})).rejects.toThrow('Http1Pool is closed')
  })

  it('lets the process exit while sockets are idle (they keep no hold on the event loop)', async () => {
    const server = await httpServer((_req, res) => res.end('ok'))
    const script = `import {Http1Pool} from ${JSON.stringify(new URL('../../scripts/lib/http1Pool.ts', import.meta.url).href)}
      const pool = new Http1Pool(${JSON.stringify(server.origin)}, {connections: 4})
      const r = await Promise.all([1, 2, 3].map(() => pool.request({method: 'GET', path: '/', headers: {}})))
      await new Promise((resolve) => setImmediate(resolve))
      console.log(JSON.stringify({bodies: r.map((x) => x.body.toString()), holding: process.getActiveResourcesInfo()}))`
    const child = spawn(process.execPath, ['--input-type=module', '-e', script])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const status = await new Promise((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(status).toBe(0)
    const {bodies, holding} = JSON.parse(stdout) as {bodies: string[]; holding: string[]}
    expect(bodies).toEqual(['ok', 'ok', 'ok'])
    expect(holding.filter((resource) => resource.includes('TCP'))).toEqual([])
  })
})
