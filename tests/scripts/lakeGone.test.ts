/**
 * A lake that stops in the middle of a command: it answered the scripts' ping, then drops every
 * request. query, history and snapshot name the lake and say what to do, instead of Node's bare
 * "socket hang up"; an unreachable hosted project is named with the variable to check, instead
 * of fetch's "fetch failed".
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {failureMessage} from '../../scripts/lib/failure.ts'
import {runScript} from '../helpers/runScript.ts'

let dir: string
let server: Server
let url: string

function run(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return runScript(args, {LAKE_DIR: dir, LAKE_TOKEN: 'token'})
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lake-gone-'))
  // Alive for the ping that finds a running lake, gone for everything after it.
  server = createServer((request, response) => (request.url === '/v1/ping' ? response.end('PONG') : request.socket.destroy()))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  writeFileSync(join(dir, 'lake.json'), JSON.stringify({url}))
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  rmSync(dir, {recursive: true, force: true})
})

describe('a lake that stops answering mid-command', () => {
  const lost = () => `lost the connection to the lake at ${url} dataset production (ECONNRESET: socket hang up). Run the command again: it uses the lake if one runs, else opens the lake in LAKE_DIR itself`

  it.each([
    ['query', ['scripts/query.ts', 'count(*)'], ''],
    ['history', ['scripts/history.ts', 'person-ada'], 'header'],
    ['snapshot', ['scripts/snapshot.ts', 'snapshot-dir'], ''],
  ])('%s names the lake and what to do', async (script, args, header) => {
    const result = await run(args)
    expect(result).toEqual({code: 1, stdout: header ? `(${url} dataset production)\n` : '', stderr: `${script}: ${lost()}\n`})
  })
})

describe('a hosted project out of reach', () => {
  it('is named, with its cause and the variable to check', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND abc123.api.sanity.io'), {code: 'ENOTFOUND'})
    const failed = new TypeError('fetch failed', {cause})
    expect(failureMessage(failed, {kind: 'hosted', description: 'project abc123 dataset production'})).toBe(
      'cannot reach project abc123 dataset production (getaddrinfo ENOTFOUND abc123.api.sanity.io): check the network and SANITY_PROJECT_ID',
    )
  })
})
