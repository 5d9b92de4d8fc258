/**
 * Port values from options and LAKE_PORT: anything but a number from 0 to 65535 is refused, naming
 * where it came from, before a lake or a server starts (an empty value was port 0, a random port;
 * `abc` reached the server as NaN).
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readdirSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const NODE = resolve(ROOT, 'node_modules/.bin/node')
const dir = mkdtempSync(join(tmpdir(), 'ports-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(NODE, [`scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LAKE_DIR: dir, ...env},
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

const LAKE_USAGE = 'Usage: npm run lake -- [--port 3900] [--dir .lake] [--host 127.0.0.1] [--studio-origin http://localhost:3333]... [--cors-origin http://localhost:3000]...'

describe('a port that is not one', () => {
  test.each([
    [['--port', ''], {}, '--port must be a port number from 0 to 65535, got ""'],
    [['--port=-1'], {}, '--port must be a port number from 0 to 65535, got "-1"'],
    [[], {LAKE_PORT: 'abc'}, 'LAKE_PORT must be a port number from 0 to 65535, got "abc"'],
  ])('lake %j %j is refused, naming the option or the variable', (args, env, message) => {
    expect(run('lake', args, env)).toEqual({code: 2, stdout: '', stderr: `${message}\n${LAKE_USAGE}\n`})
    expect(readdirSync(dir)).toEqual([])
  })

  test.each([
    [[], {LAKE_PORT: 'x'}, 'LAKE_PORT must be a port number from 0 to 65535, got "x"'],
    [['--lake-port', ''], {}, '--lake-port must be a port number from 0 to 65535, got ""'],
    [['--port', 'abc'], {LAKE_PORT: '0'}, '--port must be a port number from 0 to 65535, got "abc"'],
  ])('studio %j %j is refused before the lake starts', (args, env, message) => {
    const result = run('studio', args, env)
    expect({code: result.code, stdout: result.stdout, first: result.stderr.split('\n').slice(0, 2)}).toEqual({
      code: 2,
      stdout: '',
      first: [message, 'Usage: npm run studio -- [--build] [--port 3333] [--lake-port 3900]'],
    })
    expect(readdirSync(dir)).toEqual([])
  })

  test.each([
    [['--site-port', 'abc'], '--site-port must be a port number from 0 to 65535, got "abc"'],
    [['--without', 'lake'], '--without takes studio or site, got "lake"'],
  ])('dev %j is refused before anything starts', (args, message) => {
    const result = run('dev', args)
    expect({code: result.code, stdout: result.stdout, first: result.stderr.split('\n').slice(0, 2)}).toEqual({
      code: 2,
      stdout: '',
      first: [message, 'Usage: npm run dev -- [--site-port 3000] [--studio-port 3333] [--without studio|site]...'],
    })
    expect(readdirSync(dir)).toEqual([])
  })
})
