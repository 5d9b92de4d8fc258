import {createReadStream, existsSync, statSync} from 'node:fs'
import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {extname, join, normalize} from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** Serves a `sanity build` output on a free port as a single-page app (unknown paths get index.html). */
export async function serveStatic(dir: string): Promise<{url: string; close(): Promise<void>}> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    const candidate = join(dir, path)
    const file = candidate.startsWith(dir) && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(dir, 'index.html')
    res.writeHead(200, {'content-type': TYPES[extname(file)] ?? 'application/octet-stream'})
    createReadStream(file).pipe(res)
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise((closed) => server.close(() => closed())),
  }
}
