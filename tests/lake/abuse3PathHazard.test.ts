/**
 * Listener filters and mutation queries run on the main thread, so what would make them
 * superlinear is refused (mainThreadHazard). The checks looked at `X in path(P)` only, and counted
 * only `**`: `_id in coalesce(path("**.**.**.**.**.**.**.zzz"), "")` (an anonymous listener) held
 * the main thread 1.9 s on the next write of a 55-letter id, and each more `**` multiplied that by
 * about eight; `*` segments backtrack as well (`title in path("*.*.zzz")`: quadratic in the
 * title). `array::intersects` of two lists from the document (`items[0...20000]` against
 * `items[20000...40000]`) was not checked at all.
 */
import {describe, expect, it} from 'vitest'

import {compileListenFilter} from '../../lake/listenFilter.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-path-hazard-', 'path-hazard-token')
const BASE = 'http://lake.test/v2025-02-19'

const REFUSED = [
  '*[_id in coalesce(path("**.**.zzz"), "")]',
  '*[_id in select(true => path("**.**.zzz"))]',
  '*[_id in [path("**.**.zzz")][0]]',
  '*[_id in path("*.*.zzz")]',
  '*[title in path("*.**.zzz")]',
  '*[array::intersects(items[0...2000], items[2000...4000])]',
  '*[array::intersects(coalesce(tags, []), items)]',
]

const ACCEPTED = [
  '*[_id in path("drafts.**")]',
  '*[_id in path("_.releases.*")]',
  '*[path(_id) in path("drafts.*")]',
  '*[_id in coalesce(path("versions.**"), "")]',
  '*[array::intersects(tags, ["a", "b"])]',
  '*[array::intersects(tags, $tags)]',
]

describe('main-thread filters', () => {
  it('refuse path patterns of more wildcards than one wherever the call is, and intersects without a given list', () => {
    for (const query of REFUSED) expect(() => compileListenFilter(query, {}, undefined), query).toThrow(/path\(\)|array::intersects/)
  })

  it('still take one wildcard, the tested path on the left of in, and intersects with a given list', () => {
    for (const query of ACCEPTED) expect(() => compileListenFilter(query, {tags: ['x']}, undefined), query).not.toThrow()
    const matches = compileListenFilter('*[path(_id) in path("drafts.*")]', {}, undefined)
    expect(matches({_id: 'drafts.a', _type: 't'} as never)).toBe(true)
    expect(matches({_id: 'a', _type: 't'} as never)).toBe(false)
  })

  it('are refused as mutation queries too', async () => {
    const response = await temp.lake.handler(
      new Request(`${BASE}/data/mutate/production`, {
        method: 'POST',
        headers: {authorization: 'Bearer path-hazard-token', 'content-type': 'application/json'},
        body: JSON.stringify({mutations: [{delete: {query: '*[_id in coalesce(path("**.**.zzz"), "")]'}}]}),
      }),
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('path()')
  })
})
