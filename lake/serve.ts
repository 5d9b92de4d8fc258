/**
 * Starts the local Content Lake on a port: the one place in `lake/` that binds a socket.
 * While it runs, `<dir>/lake.json` says where (`{url, pid}`) so other processes can find it.
 */
import {createServer, type Server} from 'node:http'
import {rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {createAuth, loadDevToken} from './auth.ts'
import {createHandler} from './handler.ts'
import {QueryPool, type QueryPoolOptions} from './queryPool.ts'
import {openLake, type LocalLake} from './store.ts'
import {createPresenceSockets} from './studio/presence.ts'

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
  /** Query worker threads: how many, heap limit per query, anonymous queue. */
  queryPool?: QueryPoolOptions
}

export interface RunningLake {
  url: string
  token: string
  lake: LocalLake
  server: Server
  close(): Promise<void>
}

/**
 * Opens the lake in `dir` and serves it over HTTP.
 * @throws when the port cannot be bound (e.g. EADDRINUSE).
 */
export async function startLake(options: StartLakeOptions): Promise<RunningLake> {
  const host = options.host ?? '127.0.0.1'
  const lake = openLake({dir: options.dir})
  const token = loadDevToken(options.dir, options.token)
  const queryPool = new QueryPool(options.queryPool)
  const handler = createHandler({lake, auth: createAuth(token), log: options.log, queryTimeoutMs: options.queryTimeoutMs, queryPool})
  const server = createServer(handler)
  const presence = createPresenceSockets()
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
  let closing: Promise<void> | null = null
  return {
    url,
    token,
    lake,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
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
