/**
 * Queries that are constants after the pushdown are answered on the main thread (queryQuick.ts),
 * as their cost is linear in the query. A parameter is pasted in wherever the query names it, so
 * naming a large one many times multiplied its size: `[count(string::split($a, "")), ...]` with a
 * 3 MB `$a` a hundred times (a 3 KB query, anonymous) held the main thread 17 s. Such a query goes
 * to a worker, where its time budget applies; small constants stay on the main thread.
 */
import {describe, expect, it} from 'vitest'

import {parseQuery} from '../../lake/query.ts'
import {quickAnswer} from '../../lake/queryQuick.ts'

const OPTIONS = {perspective: {kind: 'published' as const}, projectId: 'local', datasetName: 'production'}

function quick(query: string, params: Record<string, unknown>) {
  return quickAnswer(null, parseQuery(query, params), {...OPTIONS, params})
}

describe('constant queries on the main thread', () => {
  it('are left to a worker when a parameter named many times would multiply its size', () => {
    const query = `[${Array(20).fill('count(string::split($a, ""))').join(',')}]`
    expect(quick(query, {a: 'x'.repeat(100_000)})).toBeUndefined()
    expect(quick('count(string::split($a, ""))', {a: 'x'.repeat(100_000)})).toBeUndefined()
  })

  it('are still answered there when small', () => {
    expect(quick(`[${Array(20).fill('count(string::split($a, ""))').join(',')}]`, {a: 'xyz'})).toEqual({value: Array(20).fill(3)})
    expect(quick('{"slug": $slug, "n": 1 + 2}', {slug: 'north-korea'})).toEqual({value: {slug: 'north-korea', n: 3}})
  })
})
