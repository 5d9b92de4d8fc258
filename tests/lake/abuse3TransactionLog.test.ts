/**
 * The whole-log History route (`data/history/:dataset/transactions`, for `snapshot --git`) sends
 * pages of up to 1,000 transactions with their effects. Read, computed and joined into one text at
 * once, a page of 3 MB documents held the main thread 18 s and took 2 GB. The page is streamed: a
 * transaction is read when the reader asks for the next line.
 */
import {describe, expect, it} from 'vitest'

import {createAuth} from '../../lake/auth.ts'
import {createHandler} from '../../lake/handler.ts'
import type {Dataset, Lake} from '../../lake/types.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-transaction-log-', 'log-token')
const BASE = 'http://lake.test/v2025-02-19'

/** `lake` with each dataset's `transactions()` counting the transactions it returns. */
function countingLake(lake: Lake, counter: {read: number}): Lake {
  const bound = <T extends object>(target: T, property: string | symbol) => {
    const value: unknown = Reflect.get(target, property)
    return typeof value === 'function' ? value.bind(target) : value
  }
  const wrap = (dataset: Dataset): Dataset =>
    new Proxy(dataset, {
      get: (target, property) =>
        property === 'transactions'
          ? (query: Parameters<Dataset['transactions']>[0]) => {
              const found = target.transactions(query)
              counter.read += found.length
              return found
            }
          : bound(target, property),
    })
  return new Proxy(lake, {
    get: (target, property) =>
      property === 'dataset'
        ? (...args: Parameters<Lake['dataset']>) => {
            const dataset = target.dataset(...args)
            return dataset ? wrap(dataset) : dataset
          }
        : bound(target, property),
  })
}

async function write(i: number): Promise<void> {
  const response = await temp.lake.handler(
    new Request(`${BASE}/data/mutate/production`, {
      method: 'POST',
      headers: {authorization: 'Bearer log-token', 'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{createOrReplace: {_id: 'n', _type: 'note', i}}]}),
    }),
  )
  expect(response.status).toBe(200)
}

describe('the whole transaction log', () => {
  it('reads a transaction per line asked for, not the page at once', async () => {
    for (let i = 0; i < 20; i++) await write(i)
    const counter = {read: 0}
    const handler = createHandler({lake: countingLake(temp.lake.lake, counter), auth: createAuth('log-token')})
    const response = await handler(new Request(`${BASE}/data/history/production/transactions`, {headers: {authorization: 'Bearer log-token'}}))
    expect(response.status).toBe(200)
    const reader = response.body!.getReader()
    await reader.read()
    expect(counter.read).toBeLessThanOrEqual(2)
    await reader.cancel()
  })

  it('still sends every entry of a page, and resumes after fromTransaction', async () => {
    for (let i = 0; i < 20; i++) await write(i)
    const get = async (query: string) => {
      const response = await temp.lake.handler(new Request(`${BASE}/data/history/production/transactions${query}`, {headers: {authorization: 'Bearer log-token'}}))
      expect(response.status).toBe(200)
      return (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as {id: string; effects: Record<string, unknown>})
    }
    const all = await get('')
    expect(all).toHaveLength(20)
    expect(all.every((entry) => 'n' in entry.effects)).toBe(true)
    const page = await get(`?fromTransaction=${all[4]!.id}&limit=3`)
    expect(page.map((entry) => entry.id)).toEqual(all.slice(5, 8).map((entry) => entry.id))
    const missing = await temp.lake.handler(new Request(`${BASE}/data/history/production/transactions?fromTransaction=nope`, {headers: {authorization: 'Bearer log-token'}}))
    expect(missing.status).toBe(404)
  })
})
