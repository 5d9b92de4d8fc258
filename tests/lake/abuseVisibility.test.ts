/**
 * Issue 11, item 3: without a token only published documents whose id has no dot are visible,
 * whatever the route or perspective. The token holder creates a release `rA` (actions) and a
 * document `private.doc`; an anonymous caller must see neither.
 */
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {collectEvents} from '../helpers/collectEvents.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake
let client: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  lake = await startTestLake()
  client = lake.client()
  anonymous = lake.client({token: undefined})
  await client.action({actionType: 'sanity.action.release.create', releaseId: 'rA', metadata: {title: 'Secret launch'}})
  await client.mutate([
    {createOrReplace: {_id: 'private.doc', _type: 'note', title: 'Private'}},
    {createOrReplace: {_id: 'pub', _type: 'note', title: 'Published', secret: {_type: 'reference', _ref: 'private.doc', _weak: true}}},
    {createOrReplace: {_id: 'drafts.pub', _type: 'note', title: 'Draft'}},
  ])
})
afterAll(() => lake.close())

async function getJson(path: string): Promise<{status: number; body: unknown}> {
  const response = await fetch(`${lake.url}${path}`)
  return {status: response.status, body: await response.json()}
}

describe('anonymous visibility', () => {
  it('GET data/query with path("**") returns published documents only', async () => {
    const query = encodeURIComponent('*[_id in path("**")]{_id,title}')
    const {status, body} = await getJson(`/v2025-02-19/data/query/production?query=${query}&returnQuery=false`)
    expect(status).toBe(200)
    expect(body).toMatchObject({result: [{_id: 'pub', title: 'Published'}]})
  })

  it('GET data/doc omits private.doc and the release for lack of permission', async () => {
    const {status, body} = await getJson('/v1/data/doc/production/private.doc,_.releases.rA')
    expect(status).toBe(200)
    expect(body).toEqual({
      documents: [],
      omitted: [
        {id: 'private.doc', reason: 'permission'},
        {id: '_.releases.rA', reason: 'permission'},
      ],
    })
  })

  it('answers every perspective over published documents only, like a public hosted dataset', async () => {
    for (const perspective of ['raw', 'drafts', 'published', ['rA', 'drafts']] as const) {
      const result = await anonymous.fetch('*[_id in path("**")]{_id,title}', {}, {perspective: perspective as never})
      expect({perspective, result}).toEqual({perspective, result: [{_id: 'pub', title: 'Published'}]})
    }
  })

  it('counts and dereferences without private documents', async () => {
    expect(await anonymous.fetch('count(*)')).toBe(1)
    expect(await anonymous.fetch('count(*)', {}, {perspective: 'raw'})).toBe(1)
    expect(await anonymous.fetch('*[_id == "pub"][0].secret->title')).toBeNull()
    expect(await client.fetch('*[_id == "pub"][0].secret->title')).toBe('Private')
  })

  it('listen tells anonymous listeners about published ids only (held before; guards canSee)', async () => {
    const listener = collectEvents(anonymous, '*', {}, {includeResult: true})
    await listener.ready()
    await client.mutate([{patch: {id: 'private.doc', set: {title: 'Private 2'}}}])
    await client.action({actionType: 'sanity.action.release.edit', releaseId: 'rA', patch: {set: {'metadata.title': 'Renamed'}}})
    await client.mutate([{patch: {id: 'pub', set: {title: 'Published 2'}}}])
    await listener.until((events) => events.some((event) => event.type === 'mutation'))
    expect(listener.events.filter((event) => event.type === 'mutation').map((event) => 'documentId' in event && event.documentId)).toEqual(['pub'])
    listener.close()
  })

  it('grants anonymous callers the root path only in the document ACL', async () => {
    const {body} = await getJson('/v2021-06-07/projects/local/datasets/production/acl')
    expect(body).toEqual([{filter: '_id in path("*")', permissions: ['read']}])
  })

  it('history needs the token', async () => {
    const {status} = await getJson('/v2025-02-19/data/history/production/documents/pub?lastRevision=true')
    expect(status).toBe(401)
  })
})
