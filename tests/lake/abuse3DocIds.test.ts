/**
 * `data/doc/:dataset/:ids` answers each id once: the Studio's client maps documents back by `_id`,
 * and a URL naming one large published document thousands of times made anyone's request read,
 * hold and write out that many copies of it on the main thread.
 */
import {describe, expect, it} from 'vitest'

import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-doc-ids-', 'doc-ids-token')
const BASE = 'http://lake.test/v2025-02-19'

describe('data/doc with repeated ids', () => {
  it('returns each document, and each omitted id, once', async () => {
    const write = await temp.lake.handler(
      new Request(`${BASE}/data/mutate/production`, {
        method: 'POST',
        headers: {authorization: 'Bearer doc-ids-token', 'content-type': 'application/json'},
        body: JSON.stringify({mutations: [{create: {_id: 'big', _type: 'blob', s: 'x'.repeat(100_000)}}]}),
      }),
    )
    expect(write.status).toBe(200)
    const ids = [...Array(200).fill('big'), 'missing', 'missing', 'drafts.big', 'drafts.big'].join(',')
    const response = await temp.lake.handler(new Request(`${BASE}/data/doc/production/${ids}`))
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text.length).toBeLessThan(200_000)
    const body = JSON.parse(text) as {documents: Array<{_id: string}>; omitted: Array<{id: string; reason: string}>}
    expect(body.documents.map((doc) => doc._id)).toEqual(['big'])
    expect(body.omitted).toEqual([
      {id: 'missing', reason: 'existence'},
      {id: 'drafts.big', reason: 'permission'},
    ])
  })
})
