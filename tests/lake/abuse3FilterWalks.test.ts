/**
 * A main-thread filter (a listener's, run on every change; a mutation's query) costs its length
 * times the size of the fields it reads when it names them in many calls: 110
 * `count(string::split(s, "")) == 0` against a 1 MB `s` held the main thread 8.8 s on one change
 * (an anonymous listener), 200 `lower(s) == "q"` 0.8 s, 250 `"q" in items` over 200,000 items 1.4 s,
 * 500 match words against 100,000 words 1.3 s. `string::split` is refused there, and a filter may
 * hold at most 16 calls, match words, array walks and `in` an array of the document.
 */
import {describe, expect, it} from 'vitest'

import {compileListenFilter} from '../../lake/listenFilter.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-filter-walks-', 'filter-walks-token')
const BASE = 'http://lake.test/v2025-02-19'

const many = (expression: string, count: number) => `*[${Array(count).fill(expression).join(' || ')}]`

describe('main-thread filters', () => {
  it('refuse string::split and more than 16 walks of the document', () => {
    for (const query of [
      '*[count(string::split(s, "")) == 0]',
      many('lower(s) == "q"', 20),
      many('"q" in items', 20),
      many('count(items[v == "q"]) > 0', 10),
      `*[s match "${Array(20).fill('w*').join(' ')}"]`,
    ]) {
      expect(() => compileListenFilter(query, {}, undefined), query).toThrow(/string::split|more than 16/)
    }
  })

  it('still take filters of a few calls, as the Studio and the site listen', () => {
    for (const query of [
      '*[_type == "article" && defined(slug.current) && slug.current == $slug]',
      '*[_id in $ids]',
      '*[_type == "system.release" && _id in path("_.releases.*")]',
      '*[_type == "article" && references($id) && lower(title) match "north*" && "x" in tags && count(authors) > 0]',
      many('lower(s) == "q"', 12),
    ]) {
      expect(() => compileListenFilter(query, {slug: 's', ids: ['a'], id: 'x'}, undefined), query).not.toThrow()
    }
  })

  it('are refused the same way as mutation queries', async () => {
    const response = await temp.lake.handler(
      new Request(`${BASE}/data/mutate/production`, {
        method: 'POST',
        headers: {authorization: 'Bearer filter-walks-token', 'content-type': 'application/json'},
        body: JSON.stringify({mutations: [{delete: {query: '*[count(string::split(title, "")) > 3]'}}]}),
      }),
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('string::split')
  })
})
