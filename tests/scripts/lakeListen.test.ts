/**
 * `npm run lake` with a host it cannot listen on, or a port in use: one line that names the host or
 * port, why, and what to use instead; exit 2; no warning about the host first, and nothing made
 * in the data folder. A host it can serve but others reach is warned about once. A --dir that is a
 * file or empty is named with what to do.
 */
import {spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {lookup} from 'node:dns/promises'
import {createServer, type Server} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {nonLoopbackWarning} from '../../lake/studioApi/login.ts'
import {runScript} from '../helpers/runScript.ts'

const HOSTS = 'use 127.0.0.1 (this machine only, the default), 0.0.0.0 (every network interface) or an address one of them has'
/** Killed after this long: a lake that starts serves until stopped. */
const TIMEOUT_MS = 20_000

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lake-listen-'))
})
afterEach(() => rmSync(dir, {recursive: true, force: true}))

const lake = (...args: string[]) => runScript(['scripts/lake.ts', '--dir', dir, ...args], {}, TIMEOUT_MS)

describe('npm run lake --host', () => {
  it('a name that does not resolve', async () => {
    const host = 'no-such-host.invalid'
    // The resolver's own words: ENOTFOUND with a DNS server, EAI_AGAIN without one.
    const why = await lookup(host).then(() => 'resolved', (error: Error) => error.message)
    const result = await lake('--port', '0', '--host', host)
    expect(result).toEqual({code: 2, stdout: '', stderr: `lake: --host "${host}" is no name this machine resolves (${why}): ${HOSTS}\n`})
    expect(readdirSync(dir)).toEqual([])
  }, 30_000)

  it.each([
    ['an address of another machine', '192.0.2.1', `lake: --host "192.0.2.1" is no address of this machine (listen EADDRNOTAVAIL: address not available 192.0.2.1): ${HOSTS}`],
    ['a URL', 'http://127.0.0.1:3900', 'lake: --host "http://127.0.0.1:3900" is a URL: pass the address alone, e.g. --host 127.0.0.1, and the port as --port'],
    ['empty', '', `lake: --host is empty: ${HOSTS}`],
  ])('%s', async (_name, host, message) => {
    expect(await lake('--port', '0', '--host', host)).toEqual({code: 2, stdout: '', stderr: `${message}\n`})
    expect(readdirSync(dir)).toEqual([])
  }, 30_000)
})

describe('npm run lake --port', () => {
  let other: Server
  let port: number
  beforeEach(async () => {
    other = createServer()
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    const address = other.address()
    port = typeof address === 'object' && address ? address.port : 0
  })
  afterEach(() => new Promise<void>((resolve) => other.close(() => resolve())))

  it('in use: named with the next one to try, and nothing made in the folder', async () => {
    expect(await lake('--port', String(port))).toEqual({
      code: 2,
      stdout: '',
      stderr: `lake: port ${port} is in use on 127.0.0.1: stop the program that listens there, or pass another, e.g. --port ${port + 1}\n`,
    })
    expect(readdirSync(dir)).toEqual([])
  }, 30_000)

  it('in use by npm run studio --lake-port: named with its option, and nothing made in LAKE_DIR', async () => {
    expect(await runScript(['scripts/studio.ts', '--lake-port', String(port)], {LAKE_DIR: dir}, TIMEOUT_MS)).toEqual({
      code: 2,
      stdout: '',
      stderr: `studio: port ${port} is in use on 127.0.0.1: stop the program that listens there, or pass another, e.g. --lake-port ${port + 1}\n`,
    })
    expect(readdirSync(dir)).toEqual([])
  }, 30_000)
})

describe('npm run lake --host 0.0.0.0', () => {
  it('warns once, framed, after the lake serves', async () => {
    const child = spawn(process.execPath, ['scripts/lake.ts', '--dir', dir, '--port', '0', '--host', '0.0.0.0'], {cwd: join(import.meta.dirname, '../..'), env: {PATH: process.env.PATH ?? ''}})
    const rule = '!'.repeat(78)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    // Its last words once it serves: the framed warning, after its summary on stdout.
    await new Promise<void>((resolve) => child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()).endsWith(`${rule}\n\n`) && resolve()))
    child.kill('SIGTERM')
    // 'close': after the exit, once its output is read to the end.
    const code = await new Promise((resolve) => child.once('close', resolve))
    expect({code, warnings: `${stdout}${stderr}`.split('WARNING: the lake listens on 0.0.0.0').length - 1, stderr}).toEqual({code: 0, warnings: 1, stderr: `\n${rule}\n${nonLoopbackWarning('0.0.0.0')}\n${rule}\n\n`})
  }, 30_000)
})

describe('npm run lake --dir', () => {
  it.each([
    ['a file', (file: string) => file, 1, (file: string) => `lake: cannot open the lake in ${file}: EEXIST: file already exists, mkdir '${file}'. Name a lake's folder, or a new one, with --dir or LAKE_DIR`],
    ['empty', () => '', 2, () => "lake: --dir is empty: name the lake's folder, e.g. --dir .lake (the default)"],
  ])('%s: named with what to do', async (_name, dirOf, code, message) => {
    const file = join(dir, 'notes.txt')
    writeFileSync(file, 'mine\n')
    const result = await runScript(['scripts/lake.ts', '--port', '0', '--dir', dirOf(file)], {}, TIMEOUT_MS)
    expect(result).toEqual({code, stdout: '', stderr: `${message(file)}\n`})
    expect(readFileSync(file, 'utf8')).toBe('mine\n')
  }, 30_000)
})
