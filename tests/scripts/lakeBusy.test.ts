/**
 * A lake that takes the connection but answers late (busy with a large write) is still the lake
 * the scripts use: they do not open its files beside it. One that stays silent is named, with what
 * to do, instead.
 */
import {mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {runScript} from '../helpers/runScript.ts'

let dir = ''
let server: Server | undefined

afterEach(async () => {
  if (server) {
    server.closeAllConnections()
    await new Promise((resolve) => server?.close(resolve))
  }
  server = undefined
  rmSync(dir, {recursive: true, force: true})
})

/** A lake.json in a new folder, naming a server that answers the ping after `pingDelayMs` (never, for Infinity) and every query with 42. */
async function lakeAnsweringAfter(pingDelayMs: number): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'lake-busy-'))
  server = createServer((request, response) => {
    if (request.url === '/v1/ping') {
      if (Number.isFinite(pingDelayMs)) setTimeout(() => response.end('PONG'), pingDelayMs)
      return
    }
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({result: 42, ms: 1, query: 'count(*)'}))
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  writeFileSync(join(dir, 'lake.json'), JSON.stringify({url, pid: process.pid}))
  return url
}

describe('a lake that answers its ping late', () => {
  it('is used by query, which opens no files of its own', async () => {
    await lakeAnsweringAfter(1500)
    const result = await runScript(['scripts/query.ts', 'count(*)'], {LAKE_DIR: dir, LAKE_TOKEN: 'token'})
    expect({code: result.code, stdout: result.stdout.trim()}).toEqual({code: 0, stdout: '42'})
    expect(readdirSync(dir)).toEqual(['lake.json'])
  })

  it('is named, with what to do, when it stays silent', {timeout: 30_000}, async () => {
    const url = await lakeAnsweringAfter(Infinity)
    const result = await runScript(['scripts/query.ts', 'count(*)'], {LAKE_DIR: dir, LAKE_TOKEN: 'token'}, 30_000)
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `query: the lake serving ${dir} at ${url} (its lake.json) took the connection but did not answer within 11 s. ` +
        'If it is busy, run this again in a moment; if it hangs, stop it (Ctrl+C where npm run lake runs) and start it again\n',
    })
    expect(readdirSync(dir)).toEqual(['lake.json'])
  })
})
