/**
 * A damaged `lake.json` (truncated, hand-edited) says neither where a running lake listens nor that
 * none runs: every script that reads it names the file and what to do, and touches nothing else in
 * the folder, instead of opening the lake's files itself beside a lake that may be serving them.
 */
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {LakeFileError, recordedLakeUrl} from '../../scripts/lib/lakeFiles.ts'
import {startTestLake} from '../helpers/lake.ts'
import {runScript} from '../helpers/runScript.ts'

const TRUNCATED = '{"url":"http://127.0.0.1:39'
/** Scripts that would serve until stopped, had they passed the check. */
const SERVER_TIMEOUT_MS = 20_000

let dir: string
let file: string
/** A whole snapshot (no documents), which a restore reads before it looks for the lake. */
let snapshot: string
beforeAll(() => {
  snapshot = mkdtempSync(join(tmpdir(), 'lake-file-snapshot-'))
  mkdirSync(join(snapshot, 'documents'))
  writeFileSync(join(snapshot, 'snapshot.json'), '{"format": "sanity-lake-snapshot", "version": 1}\n')
})
afterAll(() => rmSync(snapshot, {recursive: true, force: true}))
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lake-file-'))
  file = join(dir, 'lake.json')
})
afterEach(() => rmSync(dir, {recursive: true, force: true}))

const damaged = (problem: string) =>
  `${file} is damaged (${problem}): it should say where the lake serving ${dir} listens. ` +
  `If a lake serves ${dir}, stop it and start it again (npm run lake), which rewrites the file; if none does, delete ${file}`

describe('recordedLakeUrl', () => {
  it.each([
    ['truncated', TRUNCATED, 'not JSON: Unterminated string in JSON at position 27 (line 1 column 28)'],
    ['empty', '', 'not JSON: Unexpected end of JSON input'],
    ['without a url', '{"pid": 12}\n', 'no "url" string'],
    ['a url that is a number', '{"url": 3900}\n', 'no "url" string'],
    ['not an object', '[]\n', 'no "url" string'],
    ['a url that is no http URL', '{"url": "127.0.0.1:3900"}\n', '"url" "127.0.0.1:3900" is not an http URL'],
  ])('names the file %s and what to do', (_name, text, problem) => {
    writeFileSync(file, text)
    expect(() => recordedLakeUrl(dir)).toThrow(new LakeFileError(file, dir, problem))
    expect(() => recordedLakeUrl(dir)).toThrow(damaged(problem))
  })

  it('is null without the file, and the URL of a whole one', () => {
    expect(recordedLakeUrl(dir)).toBe(null)
    writeFileSync(file, '{"url":"http://127.0.0.1:3900","pid":12}\n')
    expect(recordedLakeUrl(dir)).toBe('http://127.0.0.1:3900')
  })
})

describe('a truncated lake.json', () => {
  const problem = 'not JSON: Unterminated string in JSON at position 27 (line 1 column 28)'

  it.each([
    ['query', ['scripts/query.ts', 'count(*)'], 'query: '],
    ['history', ['scripts/history.ts', 'person-ada'], 'history: '],
    ['snapshot', ['scripts/snapshot.ts', 'snapshot-dir'], 'snapshot: '],
    ['snapshot restore', ['scripts/snapshot.ts', 'restore', 'SNAPSHOT'], 'snapshot: '],
    ['seed --dry-run', ['scripts/seed.ts', '--dry-run'], 'error: '],
    ['seed', ['scripts/seed.ts'], 'error: '],
    ['lake', ['scripts/lake.ts', '--port', '0'], 'lake: '],
    ['studio', ['scripts/studio.ts', '--lake-port', '0'], 'studio: '],
    ['dev', ['scripts/dev.ts'], 'dev: '],
  ])('%s names it and what to do, and leaves the folder alone', async (_name, args, prefix) => {
    writeFileSync(file, TRUNCATED)
    const result = await runScript(args.map((arg) => (arg === 'SNAPSHOT' ? snapshot : arg)), {LAKE_DIR: dir}, SERVER_TIMEOUT_MS)
    expect(result).toEqual({code: 2, stdout: '', stderr: `${prefix}${damaged(problem)}\n`})
    expect(readdirSync(dir)).toEqual(['lake.json'])
  }, 30_000)

  it('while a lake serves the folder: query does not open its files beside it', async () => {
    const lake = await startTestLake({dir})
    try {
      writeFileSync(file, TRUNCATED)
      const result = await runScript(['scripts/query.ts', 'count(*)'], {LAKE_DIR: dir})
      expect(result).toEqual({code: 2, stdout: '', stderr: `query: ${damaged(problem)}\n`})
    } finally {
      await lake.close()
    }
  })
})

describe('a whole lake.json left by a lake that stopped without removing it', () => {
  it('is replaced by npm run lake, which serves the folder', async () => {
    // A port nothing listens on any more, as after a lake that was killed.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const address = closed.address()
    await new Promise((resolve) => closed.close(resolve))
    const stale = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    writeFileSync(file, `${JSON.stringify({url: stale, pid: 999_999_999})}\n`)
    const child = spawn(process.execPath, ['scripts/lake.ts', '--dir', dir, '--port', '0'], {cwd: join(import.meta.dirname, '../..'), env: {PATH: process.env.PATH ?? ''}})
    let stdout = ''
    const url = await new Promise<string>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        const running = /Local Content Lake running at (\S+)\n/.exec(stdout)?.[1]
        if (running) resolve(running)
      }),
    )
    try {
      expect(url).not.toBe(stale)
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({url, pid: child.pid})
    } finally {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('close', resolve))
    }
  }, 30_000)
})
