/**
 * A document's transaction log (`data/history/:dataset/transactions/:ids`, the Studio's history
 * pane, with `effectFormat=mendoza`) is read a page at a time, and a page is read whole before it
 * is sent: 16 transactions of 3 MB documents with their effects held the main thread 1.9 s. The
 * first page is one transaction, and pages grow only while they stay quick.
 */
import {describe, expect, it} from 'vitest'

import {transactionLogPages} from '../../lake/historyReads.ts'
import type {Dataset} from '../../lake/types.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-history-pages-', 'history-pages-token')
const BASE = 'http://lake.test/v2025-02-19'

describe('a document log', () => {
  it('reads one transaction for its first page, and still gives every entry in order', async () => {
    for (let i = 0; i < 40; i++) {
      const response = await temp.lake.handler(
        new Request(`${BASE}/data/mutate/production`, {
          method: 'POST',
          headers: {authorization: 'Bearer history-pages-token', 'content-type': 'application/json'},
          body: JSON.stringify({mutations: [{createOrReplace: {_id: 'doc', _type: 'note', i}}]}),
        }),
      )
      expect(response.status).toBe(200)
    }
    const dataset = temp.lake.lake.dataset('production')!
    let read = 0
    const counting = new Proxy(dataset, {
      get(target, property) {
        if (property === 'transactions') {
          return (query: Parameters<Dataset['transactions']>[0]) => {
            const found = target.transactions(query)
            read += found.length
            return found
          }
        }
        const value: unknown = Reflect.get(target, property)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const pages = transactionLogPages(counting, ['doc'], {effectFormat: 'mendoza'})
    const first = pages.next()
    expect(first.done).toBe(false)
    expect(first.value).toHaveLength(1)
    expect(read).toBe(1)
    const rest = [...pages].flat()
    const all = [...(first.value ?? []), ...rest]
    expect(all).toHaveLength(40)
    expect(all.map((entry) => entry.id)).toEqual(dataset.transactions({ids: ['doc']}).map((tx) => tx.id))
    expect(all.every((entry) => entry.effects?.doc !== undefined)).toBe(true)
  })
})
