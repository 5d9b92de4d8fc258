import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {ClientError, ServerError, type RequestHandlerOptions, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {loopbackRequestHandler} from '../../scripts/lib/loopbackTransport.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake
let plain: SanityClient
let lean: SanityClient
let sent: string[]

beforeAll(async () => {
  lake = await startTestLake()
  plain = lake.client()
  const handler = loopbackRequestHandler()
  sent = []
  lean = lake.client({
    requestHandler: (request, next) => {
      sent.push(`${request.method ?? 'GET'} ${new URL(request.url).pathname}`)
      return handler(request, () => {
        throw new Error(`the loopback transport handed ${request.url} back to the client's pipeline`)
      })
    },
  })
})
afterAll(() => lake.close())

/** What a call gives (its value, or its error's class, status, message and body) on a client. */
async function outcome(call: (client: SanityClient) => Promise<unknown>, client: SanityClient): Promise<unknown> {
  try {
    return {value: await call(client)}
  } catch (error) {
    if (error instanceof ClientError || error instanceof ServerError) {
      return {error: error.constructor.name, statusCode: error.statusCode, message: error.message, body: error.responseBody}
    }
    return {error: String(error)}
  }
}

describe('loopback transport for @sanity/client', () => {
  it('gives the same results and errors as the client pipeline, for every kind of request the seed and CLIs make', async () => {
    // Each call runs on the plain client, then on the lean one, against documents named by the client.
    const calls: Array<[string, (client: SanityClient, id: string) => Promise<unknown>]> = [
      ['create', (c, id) => c.create({_id: id, _type: 'note', title: 'سلام', n: 1}, {returnDocuments: false})],
      ['fetch with params', (c, id) => c.fetch('*[_id == $id]{title, n}', {id})],
      ['fetch raw perspective', (c, id) => c.fetch('count(*[_id in [$id, "drafts." + $id]])', {id}, {perspective: 'raw'})],
      ['getDocument', (c, id) => c.getDocument(id).then((doc) => doc && {title: doc.title, n: doc.n})],
      ['patch', (c, id) => c.patch(id).inc({n: 2}).commit({returnDocuments: true}).then((doc) => doc.n)],
      ['transaction', (c, id) => c.transaction().create({_id: `drafts.${id}`, _type: 'note'}).delete(`drafts.${id}`).commit().then((r) => r.results)],
      ['conflict (409)', (c, id) => c.create({_id: id, _type: 'note'})],
      ['stale revision (409)', (c, id) => c.patch(id).ifRevisionId('not-the-rev').set({n: 0}).commit()],
      ['query parse error (400)', (c) => c.fetch('*[_type == ]')],
      ['unknown route (404)', (c) => c.request({uri: '/no/such/route'})],
      ['action', (c, id) => c.action({actionType: 'sanity.action.document.edit', draftId: `drafts.${id}`, publishedId: id, patch: {set: {n: 7}}}).then(() => 'ok')],
      ['request with tag', (c, id) => c.fetch('*[_id == $id][0].n', {id}, {tag: 'seed'})],
      [
        'mutation body as bytes',
        (c, id) =>
          c.request({
            url: `/data/mutate/production`,
            method: 'POST',
            query: {returnIds: 'true'},
            headers: {'Content-Type': 'application/json'},
            body: Buffer.from(JSON.stringify({mutations: [{patch: {id, set: {title: 'bytes ✓ بايت'}}}]})),
          }).then(async (result) => ({result: (result as {results: unknown}).results, title: (await c.getDocument(id))?.title})),
      ],
    ]
    for (const [name, call] of calls) {
      const expected = await outcome((c) => call(c, 'plain-doc'), plain)
      const actual = await outcome((c) => call(c, 'lean-doc'), lean)
      const comparable = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('lean-doc', 'plain-doc').replace(/"transactionId":"\w+"/g, '"transactionId":"…"').replace(/revision ID (\\*")\w+/g, 'revision ID $1…'))
      expect({name, outcome: comparable(actual)}).toEqual({name, outcome: comparable(expected)})
    }
    // Every call went through the lean transport (the bytes case also reads its document back).
    expect(sent.length).toBe(calls.length + 1)
  })

  it('sends the client token, and none when the client has none', async () => {
    await plain.createOrReplace({_id: 'drafts.secret', _type: 'note'})
    expect(await lean.fetch('count(*[_id == "drafts.secret"])', {}, {perspective: 'raw'})).toBe(1)
    // Without the token the draft does not exist for the caller (anonymous callers see published documents only).
    const anonymous = await outcome((c) => c.fetch('count(*[_id == "drafts.secret"])', {}, {perspective: 'raw'}), lean.withConfig({token: undefined}))
    expect(anonymous).toEqual({value: 0})
  })

  it('takes headers in each form the client may give them: record, pairs, Headers', async () => {
    await plain.createOrReplace({_id: 'drafts.header-forms', _type: 'note'})
    const handler = loopbackRequestHandler()
    const url = `${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('count(*[_id == "drafts.header-forms"])')}&perspective=raw`
    const authorization = `Bearer ${lake.token}`
    const forms = [{Authorization: authorization}, [['AUTHORIZATION', authorization]] as Array<[string, string]>, new Headers({authorization})]
    for (const headers of forms) expect(await handler({url, headers}, async () => 'pipeline')).toMatchObject({result: 1})
    expect(await handler({url}, async () => 'pipeline')).toMatchObject({result: 0})
  })

  it('hands requests it does not send (another host, HTTPS, raw responses, streams) to the client pipeline', async () => {
    const handler = loopbackRequestHandler()
    const next = vi.fn(async () => 'from the pipeline')
    const requests: RequestHandlerOptions[] = [
      {url: 'https://abc.api.sanity.io/v2025-02-19/data/query/production'},
      {url: 'http://example.com/v1/ping'},
      {url: `${lake.url}/v1/ping`, meta: {rawBody: true}},
      {url: `${lake.url}/v1/ping`, as: 'stream'},
    ]
    for (const request of requests) expect(await handler(request, next)).toBe('from the pipeline')
    expect(next).toHaveBeenCalledTimes(requests.length)
  })

  it('times out like the client (a server that never answers)', async () => {
    const server: Server = createServer(() => {})
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const {port} = server.address() as AddressInfo
      const handler = loopbackRequestHandler()
      await expect(handler({url: `http://127.0.0.1:${port}/v1/ping`, timeout: 100}, async () => 'never')).rejects.toThrow(/timed out after 100 ms/)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
