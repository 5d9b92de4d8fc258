import {spawnSync} from 'node:child_process'
import {resolve} from 'node:path'
import {describe, expect, test} from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const NODE = resolve(ROOT, 'node_modules/.bin/node')

/** Runs a script as npm would, without a lake: --help and bad options end before any work. */
function run(script: string, args: string[]) {
  const result = spawnSync(NODE, [`scripts/${script}.ts`, ...args], {cwd: ROOT, encoding: 'utf8', timeout: 30_000})
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

describe('every script answers --help with its usage', () => {
  test.each([
    ['studio', [], 'Usage: npm run studio -- [--build] [--port 3333] [--lake-port 3900]'],
    ['lake', [], 'Usage: npm run lake -- [--port 3900] [--dir .lake] [--host 127.0.0.1]'],
    ['query', [], "Usage: npm run query -- '<groq>'"],
    ['history', [], 'Usage:\n  npm run history -- <id | slug>'],
    ['bench', [], 'Usage: npm run bench -- [lake] [--sizes 1000,10000,100000]'],
    ['bench', ['seed'], 'Usage: npm run bench -- seed [--sizes 1000,10000] [--runs 3]'],
    ['bench', ['studio'], 'Usage: npm run bench -- studio [--navigations 10]'],
    ['bench', ['web'], 'Usage: npm run bench -- web [--articles 1000] [--requests 200] [--publishes 20]'],
    ['bench', ['mixed'], 'Usage: npm run bench -- mixed'],
    ['seed', [], 'usage: npm run seed -- [files or folders …]'],
    ['dev', [], 'Usage: npm run dev -- [--site-port 3000] [--studio-port 3333] [--without studio|site]...'],
  ])('%s %j --help', (script, args, usage) => {
    const result = run(script, [...args, '--help'])
    expect({code: result.code, stderr: result.stderr}).toEqual({code: 0, stderr: ''})
    expect(result.stdout.startsWith(usage)).toBe(true)
  })
})

describe('an unknown option gets the message and the usage, not a stack trace', () => {
  test.each(['studio', 'lake', 'bench', 'dev'])('%s --bogus', (script) => {
    const result = run(script, ['--bogus'])
    expect(result.code).toBe(2)
    expect(result.stderr.startsWith("Unknown option '--bogus'")).toBe(true)
    expect(result.stderr).toContain(`Usage: npm run ${script} -- `)
    expect(result.stderr).not.toContain('ERR_PARSE_ARGS')
  })
})

describe('a bench named before a bad option gets that bench\'s usage, and no bench starts', () => {
  test.each([
    ['web', 'Usage: npm run bench -- web [--articles 1000] [--requests 200] [--publishes 20]'],
    ['mixed', 'Usage: npm run bench -- mixed'],
  ])('bench %s --bogus', (bench, usage) => {
    expect(run('bench', [bench, '--bogus'])).toEqual({code: 2, stdout: '', stderr: `Unknown option '--bogus'\n${usage}\n`})
  })
})

test('bench --help lists every bench', () => {
  expect(run('bench', ['--help'])).toEqual({
    code: 0,
    stderr: '',
    stdout: `Usage: npm run bench -- [lake] [--sizes 1000,10000,100000]
       npm run bench -- seed [--sizes 1000,10000] [--runs 3]
       npm run bench -- mixed
       npm run bench -- history [--sizes 10000]
       npm run bench -- web [--articles 1000] [--requests 200] [--publishes 20]
       npm run bench -- studio [--navigations 10]
`,
  })
})
