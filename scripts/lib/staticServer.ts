/**
 * Serves a built Studio (`sanity build` output) as a single-page app, telling it at runtime
 * which local lake to use, so one build works with a lake on any port.
 */
import {createReadStream, existsSync, readFileSync, statSync} from 'node:fs'
import {createServer} from 'node:http'
import {extname, join, normalize, sep} from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

export interface StudioServer {
  url: string
  close(): Promise<void>
}

/**
 * Serves `dir` on `host:port` (0 picks a free port). Every path that is not a file gets
 * `index.html`, with `globalThis.__SANITY_STUDIO_LAKE_URL__` set to `lakeUrl` (read by
 * `studio/localWorkspace.ts`) and, when given, `__SANITY_STUDIO_PREVIEW_URL__` to `previewUrl`
 * (the reader site the Presentation tool shows, read by `studio/presentation.ts`).
 */
export function serveStudio(options: {dir: string; host?: string; port?: number; lakeUrl: string; previewUrl?: string}): Promise<StudioServer> {
  const root = normalize(options.dir)
  const previewUrl = options.previewUrl ? `globalThis.__SANITY_STUDIO_PREVIEW_URL__=${JSON.stringify(options.previewUrl)};` : ''
  const index = readFileSync(join(root, 'index.html'), 'utf8').replace(
    '<head>',
    `<head><script>globalThis.__SANITY_STUDIO_LAKE_URL__=${JSON.stringify(options.lakeUrl)};${previewUrl}</script>`,
  )
  const server = createServer((req, res) => {
    const path = decodedPath(req.url ?? '/')
    // A malformed escape (`/%E0%A4%A`) would throw out of this handler and stop the server.
    if (path === null) return void res.writeHead(400, {'content-type': CONTENT_TYPES['.txt']}).end('Malformed URL: a %-escape is not UTF-8\n')
    const file = normalize(join(root, path))
    if (file.startsWith(root + sep) && existsSync(file) && statSync(file).isFile() && !file.endsWith('index.html')) {
      const immutable = path.startsWith('/static/') || path.includes('/assets/')
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      })
      // A file removed or unreadable since the check: the response ends broken, the server lives on.
      createReadStream(file).on('error', () => res.destroy()).pipe(res)
      return
    }
    res.writeHead(200, {'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-cache'})
    res.end(index)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? 'localhost', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : options.port
      resolve({
        url: `http://localhost:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}

/** The request's path with its %-escapes decoded, or null when one is not UTF-8. */
function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(new URL(url, 'http://studio').pathname)
  } catch {
    return null
  }
}
