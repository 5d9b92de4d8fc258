/**
 * Starts the local Content Lake on a port: the one place in `lake/` that binds a socket.
 * While it runs, `<dir>/lake.json` says where (`{url, pid}`) so other processes can find it.
 */
import {createServer, STATUS_CODES, type Server} from 'node:http'
import type {Duplex} from 'node:stream'
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {createAuth, loadDevToken} from './auth.ts'
import {LakeError} from './errors.ts'
import {createHandler} from './handler.ts'
import {QueryPool, type QueryPoolOptions} from './queryPool.ts'
import {openLake, type LocalLake} from './store.ts'
import {isAllowedStudioOrigin, studioLoginPolicy} from './studioApi/login.ts'
import {createPresenceSockets} from './studioApi/presence.ts'
import {startScheduler} from './scheduler.ts'

export interface StartLakeOptions {
  /** Data directory (one SQLite file per dataset, the token, lake.json). */
  dir: string
  host?: string
  /** 0 picks a free port (tests). */
  port?: number
  /** Dev token; read from / generated into `<dir>/token` when absent. */
  token?: string
  log?: (message: string) => void
  queryTimeoutMs?: number
  /**
   * Datasets made at start when missing (default: `production`, the Studio's): reads never create
   * a dataset, and the Studio listens to its dataset before anything is written.
   */
  datasets?: string[]
  /**
   * Studio origins the local login provider may log in (default `http://localhost:3333`). On a
   * non-loopback `host` the provider is off whatever this says.
   */
  studioOrigins?: string[]
  /** Query worker threads: how many, heap limit per query, anonymous queue. */
  queryPool?: QueryPoolOptions
}

/** The dataset a new lake starts with, as a new hosted project does. */
export const DEFAULT_DATASET = 'production'

export interface RunningLake {
  url: string
  token: string
  lake: LocalLake
  server: Server
  close(): Promise<void>
}

/**
 * Opens the lake in `dir` and serves it over HTTP.
 * @throws when the port cannot be bound (e.g. EADDRINUSE), or a Studio origin is not an http(s) URL.
 */
export async function startLake(options: StartLakeOptions): Promise<RunningLake> {
  const host = options.host ?? '127.0.0.1'
  const studioLogin = studioLoginPolicy(host, options.studioOrigins)
  if (studioLogin.off !== null) options.log?.(studioLogin.off)
  const lake = openLake({dir: options.dir})
  for (const name of options.datasets ?? [DEFAULT_DATASET]) lake.dataset(name, {create: true})
  const token = loadDevToken(options.dir, options.token)
  const auth = createAuth(token)
  const queryPool = new QueryPool(options.queryPool)
  const handler = createHandler({lake, auth, log: options.log, queryTimeoutMs: options.queryTimeoutMs, studioLogin, queryPool})
  const server = createServer(handler)
  server.on('clientError', answerClientError)
  // Only pages of the Studios the lake was started for; the token decides the rest.
  const presence = createPresenceSockets({
    identify: auth.identify,
    isAllowedOrigin: (origin) => isAllowedStudioOrigin(studioLogin, origin),
  })
  server.on('upgrade', presence.upgrade)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 3900, host, () => resolve())
    })
  } catch (error) {
    await queryPool.close()
    lake.close()
    throw error
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const infoFile = join(options.dir, 'lake.json')
  writeFileSync(infoFile, JSON.stringify({url, pid: process.pid}) + '\n')
  // Scheduled releases publish at their time, and those that came due while the lake was stopped now.
  const scheduler = startScheduler({lake, log: options.log ?? ((message) => console.error(`[lake] ${message}`))})
  let closing: Promise<void> | null = null
  return {
    url,
    token,
    lake,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        scheduler.close()
        presence.closeAll()
        server.close(() => resolve())
        server.closeAllConnections()
      })
        .then(() => queryPool.close())
        .then(() => {
          rmSync(infoFile, {force: true})
          lake.close()
        })
      return closing
    },
  }
}

/**
 * Requests Node's HTTP parser refuses never reach the handler; Node would answer them with a bare
 * status line. They get a Content Lake error body like every other error.
 */
function answerClientError(error: Error & {code?: string}, socket: Duplex): void {
  // A response already started on this socket (a bad pipelined request after it) cannot be followed by another.
  const current: unknown = Reflect.get(socket, '_httpMessage')
  const started = typeof current === 'object' && current !== null && 'headersSent' in current && current.headersSent === true
  if (!socket.writable || started || error.code === 'ECONNRESET') return void socket.destroy()
  const {status, body} =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new LakeError(431, 'The request URL and headers exceed 16 KB. Send long queries with POST data/query {"query", "params"}.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new LakeError(408, 'The request took too long to arrive.')
        : new LakeError(400, `Malformed HTTP request (${error.code ?? error.message}).`)
  const json = JSON.stringify(body)
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  )
}
