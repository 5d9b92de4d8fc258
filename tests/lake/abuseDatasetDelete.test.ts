/**
 * Deleting a dataset while clients use it: writes already queued are committed before it goes, a
 * write whose body was still arriving makes the dataset again instead of failing inside the
 * store, and listeners of the deleted dataset are closed (their clients reconnect) instead of
 * staying open on it, deaf to the dataset made again under its name.
 */
import {describe, expect, it} from 'vitest'
import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const TOKEN = 'dataset-delete-token'
const local = tempLocalLake('lake-dataset-delete-', TOKEN)
const BASE = 'http://127.0.0.1:3900/v2025-02-19'
const HEADERS = {authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json'}

async function call(method: string, path: string, body?: string | ReadableStream<Uint8Array>): Promise<{status: number; body: unknown}> {
  const init: RequestInit & {duplex?: 'half'} = {method, headers: HEADERS, body}
  if (body instanceof ReadableStream) init.duplex = 'half'
  const response = await local.lake.handler(new Request(`${BASE}${path}`, init))
  return {status: response.status, body: await response.json()}
}

const mutate = (dataset: string, id: string) =>
  call('POST', `/data/mutate/${dataset}`, JSON.stringify({mutations: [{create: {_id: id, _type: 'note'}}]}))

describe('deleting a dataset', () => {
  it('commits the writes queued before it, then deletes them with the dataset', async () => {
    await call('PUT', '/projects/local/datasets/scratch')
    const dataset = local.lake.lake.dataset('scratch')
    if (!dataset) throw new Error('no dataset')
    const queued = dataset.transactGrouped(() => [{create: {_id: 'queued', _type: 'note'}}], {author: 'p-local-editor'})
    // Queued for the group commit, which runs after this turn's requests: the delete comes first.
    await Promise.resolve()
    expect(await call('DELETE', '/projects/local/datasets/scratch')).toEqual({status: 200, body: {deleted: true}})
    await expect(queued).resolves.toMatchObject({changes: [{id: 'queued', operation: 'create'}]})
    expect(local.lake.lake.datasets()).toEqual(['production'])
    // A write that reaches the deleted dataset's object is refused as a write to an unknown dataset.
    await expect(dataset.transactGrouped(() => [{create: {_id: 'late', _type: 'note'}}], {author: 'p-local-editor'})).rejects.toMatchObject({
      status: 404,
      body: {error: 'Not Found', message: 'Dataset "scratch" not found', statusCode: 404},
    })
  })

  it('lets an action whose body was still arriving make the dataset again', async () => {
    await call('PUT', '/projects/local/datasets/scratch')
    let send: (text: string) => void = () => {}
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        send = (text) => {
          controller.enqueue(new TextEncoder().encode(text))
          controller.close()
        }
      },
    })
    const action = call('POST', '/data/actions/scratch', body)
    expect(await call('DELETE', '/projects/local/datasets/scratch')).toEqual({status: 200, body: {deleted: true}})
    const attributes = {_id: 'drafts.late', _type: 'note'}
    send(JSON.stringify({actions: [{actionType: 'sanity.action.document.create', publishedId: 'late', attributes}]}))
    expect(await action).toMatchObject({status: 200, body: {transactionId: expect.any(String)}})
    expect(local.lake.lake.dataset('scratch')?.get('drafts.late')).toMatchObject({_id: 'drafts.late'})
    expect(local.logs.filter((line) => line.startsWith('internal error'))).toEqual([])
  })

  it('closes its listeners (their clients reconnect) instead of leaving them open on the deleted dataset', async () => {
    await call('PUT', '/projects/local/datasets/scratch')
    const response = await local.lake.handler(new Request(`${BASE}/data/listen/scratch?query=*`, {headers: HEADERS}))
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^event: welcome\n/)
    await call('DELETE', '/projects/local/datasets/scratch')
    expect(await reader.read()).toEqual({done: true, value: undefined})
    expect(await mutate('scratch', 'after')).toMatchObject({status: 200})
  })
})
