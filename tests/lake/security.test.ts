import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {allowsOrigin, corsPolicy} from '../../lake/cors.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake
let client: SanityClient
let anonymous: SanityClient
const logged: string[] = []

beforeAll(async () => {
  lake = await startTestLake({log: (message) => logged.push(message)})
  client = lake.client()
  anonymous = lake.client({token: undefined})
  await client.mutate([
    {createOrReplace: {_id: 'article-a', _type: 'article', title: 'Published'}},
    {createOrReplace: {_id: 'drafts.article-a', _type: 'article', title: 'Draft'}},
  ])
})
afterAll(() => lake.close())

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {leaf: true}
  for (let i = 1; i < depth; i++) value = {child: value}
  return value
}

describe('authorization', () => {
  it('shows anonymous callers published documents only', async () => {
    expect(await anonymous.fetch('*[_type == "article"]._id')).toEqual(['article-a'])
  })

  it('ignores the old-version raw default for anonymous callers', async () => {
    expect(await anonymous.withConfig({apiVersion: '2021-03-25'}).fetch('*._id')).toEqual(['article-a'])
  })

  it('answers anonymous raw or drafts queries over published documents, as a public hosted dataset does', async () => {
    for (const perspective of ['raw', 'drafts']) {
      expect(await anonymous.fetch('*[_type == "article"]{_id, title}', {}, {perspective: perspective as never})).toEqual([
        {_id: 'article-a', title: 'Published'},
      ])
    }
  })

  it('answers 401 JSON to a wrong token', async () => {
    await expect(lake.client({token: 'wrong'}).fetch('*')).rejects.toMatchObject({
      statusCode: 401,
      response: {body: {error: 'Unauthorized', message: 'Unauthorized - Session not found or invalid token', statusCode: 401}},
    })
  })

  it('needs a token to write', async () => {
    await expect(anonymous.create({_type: 'x'})).rejects.toMatchObject({statusCode: 401})
    expect(await client.fetch('count(*[_type == "x"])')).toBe(0)
  })

  it('omits drafts from anonymous document fetches', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/doc/production/article-a,drafts.article-a,missing`)
    const body = (await response.json()) as {documents: Array<{_id: string}>; omitted: unknown}
    expect(body.documents.map((doc) => doc._id)).toEqual(['article-a'])
    expect(body.omitted).toEqual([
      {id: 'drafts.article-a', reason: 'permission'},
      {id: 'missing', reason: 'existence'},
    ])
  })

  it('returns only system fields with excludeContent=true', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/doc/production/article-a?excludeContent=true`)
    const body = (await response.json()) as {documents: Array<Record<string, unknown>>}
    expect(Object.keys(body.documents[0] ?? {}).sort()).toEqual(['_createdAt', '_id', '_rev', '_type', '_updatedAt'])
  })
})

describe('HTTP protocol', () => {
  it('answers CORS preflight with the requested headers', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3333',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-sanity-app',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3333')
    expect(response.headers.get('access-control-allow-credentials')).toBe('true')
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-sanity-app')
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE, OPTIONS')
    expect(response.headers.get('vary')).toBe('Origin')
  })

  it('puts CORS headers on errors too', async () => {
    const response = await fetch(`${lake.url}/v1/nowhere`, {headers: {origin: 'http://localhost:3333'}})
    expect(response.status).toBe(404)
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3333')
  })

  it('refuses a page on an origin it was not started for, before any work and without CORS headers', async () => {
    const evil = 'http://evil.localhost:8080'
    const before = await client.fetch('count(*)')
    const write = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {origin: evil, 'content-type': 'application/json', authorization: `Bearer ${lake.token}`},
      body: JSON.stringify({mutations: [{create: {_id: 'from-evil', _type: 'note'}}]}),
    })
    expect(write.status).toBe(403)
    expect(await write.json()).toEqual({
      error: 'Forbidden',
      message: `Pages on ${evil} may not use this Content Lake (it is not one of its CORS origins). To allow it, restart the lake with --cors-origin ${evil}`,
      statusCode: 403,
    })
    expect(write.headers.get('access-control-allow-origin')).toBeNull()
    expect(await client.fetch('count(*)')).toBe(before)
    const read = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=*`, {headers: {origin: evil}})
    expect(read.status).toBe(403)
    const preflight = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {method: 'OPTIONS', headers: {origin: evil, 'access-control-request-method': 'POST'}})
    expect(preflight.status).toBe(403)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    // A DNS-rebound name is not the lake's own page, though Origin and Host agree.
    const port = new URL(lake.url).port
    const rebound = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=1`, {headers: {origin: `http://evil.example:${port}`, host: `evil.example:${port}`}})
    expect(rebound.status).toBe(403)
    // A request target starting with // names no host: it is a path of this lake's, not a page's own origin.
    const doubled = await fetch(`${lake.url}//127.0.0.1:9999/v1/data/query/production?query=count(*)`, {headers: {origin: 'http://127.0.0.1:9999'}})
    expect([doubled.status, doubled.headers.get('access-control-allow-origin')]).toEqual([403, null])
    const policy = corsPolicy([])
    expect(allowsOrigin(policy, `http://evil.example:${port}`, `http://evil.example:${port}/v1/data/query/production`)).toBe(false)
    expect(allowsOrigin(policy, `http://local.localhost:${port}`, `http://local.localhost:${port}/v1/data/query/production`)).toBe(true)
  })

  it('answers the Studio, the default site (both under localhost and 127.0.0.1), the lake\'s own page and callers without an Origin', async () => {
    const asLocalhost = lake.url.replace('127.0.0.1', 'localhost')
    const pages = [
      [lake.url, 'http://localhost:3333'],
      [lake.url, 'http://127.0.0.1:3333'],
      [lake.url, 'http://localhost:3000'],
      [lake.url, 'http://127.0.0.1:3000'],
      [lake.url, lake.url],
      [asLocalhost, asLocalhost],
    ] as const
    for (const [base, origin] of pages) {
      const response = await fetch(`${base}/v2025-02-19/data/query/production?query=1`, {headers: {origin}})
      expect([origin, response.status, response.headers.get('access-control-allow-origin')]).toEqual([origin, 200, origin])
    }
    // The lake's own origin under another name is another page.
    expect((await fetch(`${lake.url}/v2025-02-19/data/query/production?query=1`, {headers: {origin: asLocalhost}})).status).toBe(403)
    expect((await fetch(`${lake.url}/v2025-02-19/data/query/production?query=1`)).status).toBe(200)
  })

  it('tells any page through /check/cors whether it may use the lake, as the clients read it', async () => {
    const check = async (origin: string) => {
      const response = await fetch(`${lake.url}/v1/check/cors`, {headers: {origin}})
      return [response.status, response.headers.get('access-control-allow-origin'), response.headers.get('access-control-allow-credentials'), await response.json()]
    }
    expect(await check('http://evil.localhost:8080')).toEqual([200, 'http://evil.localhost:8080', null, {result: {allowed: false, withCredentials: false}}])
    expect(await check('http://localhost:3333')).toEqual([200, 'http://localhost:3333', 'true', {result: {allowed: true, withCredentials: true}}])
  })

  it('answers the origins it is started with, wildcards included, and only those', async () => {
    const other = await startTestLake({studioOrigins: ['http://localhost:4444'], corsOrigins: ['https://*.news.example', 'http://127.0.0.1:5000']})
    try {
      const status = async (origin: string) => (await fetch(`${other.url}/v2025-02-19/data/query/production?query=1`, {headers: {origin}})).status
      expect(await status('http://localhost:4444')).toBe(200)
      expect(await status('https://www.news.example')).toBe(200)
      expect(await status('https://a.b.news.example')).toBe(200)
      expect(await status('http://127.0.0.1:5000')).toBe(200)
      expect(await status('https://news.example')).toBe(403)
      expect(await status('https://evilnews.example')).toBe(403)
      expect(await status('http://www.news.example')).toBe(403)
      expect(await status('http://localhost:3000')).toBe(403)
      expect(await status('http://localhost:3333')).toBe(403)
      expect(await status('null')).toBe(403)
    } finally {
      await other.close()
    }
  })

  it('refuses a CORS origin that is not an http(s) URL when it starts', async () => {
    await expect(startTestLake({corsOrigins: ['localhost:3000']})).rejects.toThrow('CORS origin must be an http(s) URL such as http://localhost:3000, got "localhost:3000"')
  })

  it('answers unknown routes with 404 JSON and logs them', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/nowhere/at/all`)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({error: 'Not Found', message: 'No route for GET /nowhere/at/all', statusCode: 404})
    expect(logged).toContain('unknown route: GET /v2025-02-19/nowhere/at/all')
  })

  it('rejects bodies over 4 MB with 413', async () => {
    const big = 'x'.repeat(4_000_001)
    await expect(client.create({_type: 'big', text: big})).rejects.toMatchObject({
      statusCode: 413,
      response: {body: {error: 'Payload Too Large', message: 'Request body exceeds limit of 4000000 bytes', statusCode: 413}},
    })
  })

  it('rejects a body that is not JSON', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
      body: '{nope',
    })
    expect(response.status).toBe(400)
  })
})

describe('limits and names', () => {
  it('accepts nesting depth 20 and rejects 21', async () => {
    await client.create({_id: 'deep-20', _type: 'deep', child: nested(20)})
    await expect(client.create({_id: 'deep-21', _type: 'deep', child: nested(21)})).rejects.toMatchObject({
      statusCode: 400,
      response: {body: {error: {type: 'mutationError', description: 'Document "deep-21" is nested 21 levels deep; the limit is 20'}}},
    })
  })

  it('rejects invalid dataset names', async () => {
    for (const name of ['Prod', '..x', 'a/b', 'x'.repeat(65), '-x']) {
      const response = await fetch(`${lake.url}/v2025-02-19/data/query/${encodeURIComponent(name)}?query=*`)
      expect(response.status).toBe(400)
      expect(((await response.json()) as {message: string}).message).toMatch(/^Invalid dataset name/)
    }
  })

  it('creates, lists and deletes datasets', async () => {
    const put = await fetch(`${lake.url}/v2025-02-19/projects/local/datasets/staging`, {
      method: 'PUT',
      headers: {authorization: `Bearer ${lake.token}`},
    })
    expect(await put.json()).toEqual({datasetName: 'staging', aclMode: 'public'})
    expect((await client.datasets.list()).map((dataset) => dataset.name)).toContain('staging')
    expect(await client.datasets.delete('staging')).toEqual({deleted: true})
    expect((await client.datasets.list()).map((dataset) => dataset.name)).not.toContain('staging')
  })

  it('rejects invalid document ids', async () => {
    await expect(client.create({_id: 'a b', _type: 'x'})).rejects.toMatchObject({statusCode: 400})
  })
})
