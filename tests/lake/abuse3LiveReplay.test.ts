/**
 * A live-events client that reconnects behind (`Last-Event-ID`) gets its missed messages replayed
 * on the main thread, within a budget of time per second shared by every client. The budget must
 * be looked at after each transaction read (transactions carry whole documents: 16 of 3 MB held
 * the main thread 1.2-2.5 s per anonymous reconnect), and what a replay overspent must be paid
 * for by the seconds after it, not forgotten when the next second starts.
 */
import {describe, expect, it} from 'vitest'

import {createAuth} from '../../lake/auth.ts'
import {createHandler} from '../../lake/handler.ts'
import {ReplayBudget} from '../../lake/routes/live.ts'
import type {Dataset, Lake} from '../../lake/types.ts'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-live-replay-', 'replay-token')
const BASE = 'http://lake.test/v2025-02-19'

/** `lake` with each dataset's `transactions()` counting the transactions it returns. */
function countingLake(lake: Lake, counter: {read: number}): Lake {
  const wrap = (dataset: Dataset): Dataset =>
    new Proxy(dataset, {
      get(target, property) {
        if (property === 'transactions') {
          return (query: Parameters<Dataset['transactions']>[0]) => {
            const found = target.transactions(query)
            counter.read += found.length
            return found
          }
        }
        const value: unknown = Reflect.get(target, property)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  return new Proxy(lake, {
    get(target, property) {
      if (property === 'dataset') {
        return (...args: Parameters<Lake['dataset']>) => {
          const dataset = target.dataset(...args)
          return dataset ? wrap(dataset) : dataset
        }
      }
      const value: unknown = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

async function firstFrames(response: Response, count: number): Promise<string[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  while (text.split('\n\n').length <= count) text += (await reader.read()).value ?? ''
  await reader.cancel()
  return text.split('\n\n').slice(0, count)
}

describe('live replay', () => {
  it('reads one transaction past an exhausted budget, not a page of them', async () => {
    for (let i = 0; i < 20; i++) {
      const response = await temp.lake.handler(
        new Request(`${BASE}/data/mutate/production`, {
          method: 'POST',
          headers: {authorization: 'Bearer replay-token', 'content-type': 'application/json'},
          body: JSON.stringify({mutations: [{createOrReplace: {_id: `n${i}`, _type: 'note'}}]}),
        }),
      )
      expect(response.status).toBe(200)
    }
    const counter = {read: 0}
    // A budget smaller than any read: the first transaction read overruns it.
    const handler = createHandler({lake: countingLake(temp.lake.lake, counter), auth: createAuth('replay-token'), liveReplayMsPerSecond: 1e-9})
    const response = await handler(new Request(`${BASE}/data/live/events/production`, {headers: {'last-event-id': '1'}}))
    const frames = await firstFrames(response, 2)
    expect(frames[1]).toMatch(/event: (message|restart)/)
    expect(counter.read).toBe(1)
  })
})

describe('ReplayBudget', () => {
  it('starts with one second of budget, refills at its rate, and carries what a replay overspent into the seconds after it', () => {
    const refilled = new ReplayBudget()
    const overspent = new ReplayBudget()
    for (const budget of [refilled, overspent]) expect(budget.left(100, 0)).toBe(100)
    refilled.spend(40)
    expect([refilled.left(100, 0), refilled.left(100, 200), refilled.left(100, 10_000)]).toEqual([60, 80, 100])
    overspent.spend(2_000)
    expect(overspent.left(100, 1_000)).toBeLessThanOrEqual(0)
    expect(overspent.left(100, 10_000)).toBeLessThanOrEqual(0)
    expect(overspent.left(100, 20_000)).toBeGreaterThan(0)
  })
})
