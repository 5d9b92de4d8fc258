/**
 * `npm run query` against a running lake: a syntax error points at its place, in a query of
 * several lines too; a parameter is given once.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runScript} from '../helpers/runScript.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

function query(...args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return runScript(['scripts/query.ts', ...args], {LAKE_DIR: lake.dir})
}

beforeAll(async () => {
  lake = await startTestLake()
})
afterAll(() => lake?.close())

describe('a query with a syntax error', () => {
  it('on one line: the query and a caret under the place', async () => {
    expect(await query('*[title == "كوريا" &&]')).toEqual({code: 1, stdout: '', stderr: 'query: Unexpected end of query\n  *[title == "كوريا" &&]\n                      ^\n'})
  })

  it('on several lines: the line and column, that line and a caret under the place', async () => {
    const result = await query('*[_type == "article"\n  && title match "كوريا" &&]{title}')
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'query: Unexpected end of query (line 2, column 27)\n    && title match "كوريا" &&]{title}\n                            ^\n',
    })
  })
})

describe('parameters', () => {
  it('refuses a parameter given twice, which would silently keep the last value', async () => {
    expect(await query('$slug', '--param', 'slug="a"', '--param', 'slug="b"')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'query: --param slug="b": $slug is already given (--param slug="a"); give each parameter once\n',
    })
  })
})
