/**
 * The server of a built Studio (`npm run studio -- --build`): a request it cannot read is answered,
 * and the next one still is; a request never stops the server.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {request} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {serveStudio, type StudioServer} from '../../scripts/lib/staticServer.ts'

let dir: string
let server: StudioServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-server-'))
  mkdirSync(join(dir, 'static'))
  writeFileSync(join(dir, 'index.html'), '<html><head></head><body></body></html>')
  writeFileSync(join(dir, 'static', 'app.js'), 'export {}\n')
  server = await serveStudio({dir, host: '127.0.0.1', port: 0, lakeUrl: 'http://localhost:3900'})
})
afterAll(async () => {
  await server?.close()
  rmSync(dir, {recursive: true, force: true})
})

/** GET `path` exactly as written (fetch would re-encode it). */
function get(path: string): Promise<{status: number; body: string}> {
  const {port} = new URL(server.url)
  return new Promise((resolve, reject) => {
    request({host: '127.0.0.1', port, path}, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({status: res.statusCode ?? 0, body}))
    })
      .on('error', reject)
      .end()
  })
}

it('answers a path whose %-escape is not UTF-8 with a 400, and goes on serving', async () => {
  expect(await get('/%E0%A4%A')).toEqual({status: 400, body: 'Malformed URL: a %-escape is not UTF-8\n'})
  expect(await get('/static/app.js')).toEqual({status: 200, body: 'export {}\n'})
  expect(await get('/static/%61pp.js')).toEqual({status: 200, body: 'export {}\n'})
})
