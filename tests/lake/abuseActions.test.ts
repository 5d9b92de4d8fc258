/**
 * Many actions in one request: the work per action stays the same however many the request
 * holds (the reference check walked every written document once per deleted one).
 */
import {describe, expect, it} from 'vitest'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const TOKEN = 'actions-abuse-token'
const local = tempLocalLake('lake-actions-abuse-', TOKEN)

async function act(actions: unknown[]): Promise<number> {
  const headers = {authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json'}
  const body = JSON.stringify({actions})
  const response = await local.lake.handler(new Request('http://127.0.0.1:3900/v2025-02-19/data/actions/production', {method: 'POST', headers, body}))
  await response.arrayBuffer()
  return response.status
}

/**
 * Runs `work` counting `WeakMap.prototype.get` calls: the reference check looks each written
 * document's references up in one (the lake runs in this process). Counted by hand, not by a
 * spy: a spy would record millions of calls.
 */
async function countWeakMapGets(work: () => Promise<unknown>): Promise<number> {
  const get = WeakMap.prototype.get
  let count = 0
  WeakMap.prototype.get = function (this: WeakMap<WeakKey, unknown>, key: WeakKey) {
    count++
    return get.call(this, key)
  }
  try {
    await work()
  } finally {
    WeakMap.prototype.get = get
  }
  return count
}

describe('2,000 publishes in one request', () => {
  it('checks the references of each written document once, not once per deleted draft', async () => {
    const ids = Array.from({length: 2000}, (_, n) => `person-${n}`)
    expect(await act(ids.map((id) => ({actionType: 'sanity.action.document.create', publishedId: id, attributes: {_id: `drafts.${id}`, _type: 'person'}})))).toBe(200)
    let status = 0
    const gets = await countWeakMapGets(async () => {
      status = await act(ids.map((id) => ({actionType: 'sanity.action.document.publish', publishedId: id, draftId: `drafts.${id}`})))
    })
    expect(status).toBe(200)
    // Per deleted draft, every published document's references: 2,000 x 2,000, 4,008,000 in all before.
    expect(gets).toBeLessThan(100_000)
    expect(local.lake.lake.dataset('production')?.count()).toBe(2000)
  })
})
