/**
 * Issue 11, item 8: lenient validation. A non-string `ifRevisionID`, malformed or system ids in
 * `data/mutate`, unknown API versions and bodies not sent as JSON are refused with 400.
 */
import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake
let client: SanityClient

beforeAll(async () => {
  lake = await startTestLake()
  client = lake.client()
  await client.createOrReplace({_id: 'locked', _type: 'note', n: 1})
  await client.action({actionType: 'sanity.action.release.create', releaseId: 'rReal', metadata: {title: 'Real'}})
})
afterAll(() => lake.close())

async function post(path: string, body: string, contentType: string | null): Promise<{status: number; body: unknown}> {
  const headers: Record<string, string> = {authorization: `Bearer ${lake.token}`}
  if (contentType) headers['content-type'] = contentType
  // Bytes: fetch labels a string body text/plain, bytes go without a content type.
  const response = await fetch(`${lake.url}${path}`, {method: 'POST', headers, body: new TextEncoder().encode(body)})
  return {status: response.status, body: await response.json()}
}

function mutationFailure(description: string) {
  return {statusCode: 400, response: {body: {error: {type: 'mutationError', description}}}}
}

describe('data/mutate validation', () => {
  it('refuses an ifRevisionID that is not a string instead of dropping the lock', async () => {
    const rev = (await client.getDocument('locked'))?._rev
    for (const ifRevisionID of [12345, null, [rev]]) {
      await expect(client.mutate([{patch: {id: 'locked', ifRevisionID, set: {n: 2}}}] as never)).rejects.toMatchObject(
        mutationFailure(`"ifRevisionID" must be a string (a document's _rev), got ${JSON.stringify(ifRevisionID)}`),
      )
    }
    expect(await client.getDocument('locked')).toMatchObject({n: 1, _rev: rev})
  })

  it('refuses malformed document ids', async () => {
    for (const id of ['drafts.', 'drafts.drafts.x', 'versions.x', 'versions.rA.', 'versions.rA.drafts.x', 'a.versions.b', 'a.-b']) {
      await expect(client.createOrReplace({_id: id, _type: 'note'})).rejects.toMatchObject(mutationFailure(`Malformed document ID: "${id}"`))
      await expect(client.mutate([{delete: {id}}])).rejects.toMatchObject(mutationFailure(`Malformed document ID: "${id}"`))
    }
    expect(await client.fetch('count(*[_type == "note"])', {}, {perspective: 'raw'})).toBe(1)
  })

  it('refuses system documents: releases are made by actions only', async () => {
    const reserved = (id: string) =>
      mutationFailure(`Document ID "${id}" is reserved for system documents: releases are written with release actions (data/actions), not mutations`)
    await expect(client.createOrReplace({_id: '_.releases.rFake', _type: 'system.release', name: 'rFake'})).rejects.toMatchObject(reserved('_.releases.rFake'))
    await expect(client.mutate([{patch: {query: '*[_id in path("_.releases.*")]', set: {state: 'published'}}}])).rejects.toMatchObject(
      reserved('_.releases.rReal'),
    )
    expect(await client.fetch('*[_id in path("_.releases.*")]{_id, state}', {}, {perspective: 'raw'})).toEqual([
      {_id: '_.releases.rReal', state: 'active'},
    ])
  })
})

describe('API version prefix', () => {
  const accepted = 'v1, vX or vYYYY-MM-DD (a real date, at most tomorrow in UTC)'
  const dayMs = 24 * 60 * 60 * 1000
  const utcDate = (time: number) => new Date(time).toISOString().slice(0, 10)

  it('refuses versions other than v1, vX and real dates up to tomorrow', async () => {
    for (const version of ['v0', 'vfoo', 'v9999-99-99', 'v2025-02-30', 'v2025-2-19', `v${utcDate(Date.now() + 2 * dayMs)}`]) {
      const response = await fetch(`${lake.url}/${version}/data/query/production?query=1`)
      expect({version, status: response.status, body: await response.json()}).toEqual({
        version,
        status: 400,
        body: {error: 'Bad Request', message: `Invalid API version "${version}": use ${accepted}`, statusCode: 400},
      })
    }
  })

  it('refuses a data route without a version prefix', async () => {
    const response = await fetch(`${lake.url}/data/query/production?query=1`)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'Bad Request',
      message: `Missing API version: data routes start with /v<version> (${accepted}), e.g. /v2025-02-19/data/query/production`,
      statusCode: 400,
    })
  })

  it('accepts v1, vX, dated versions up to tomorrow, and non-data routes without a version', async () => {
    for (const version of ['v1', 'vX', 'v2021-03-25', 'v2025-02-19', `v${utcDate(Date.now() + dayMs)}`]) {
      const response = await fetch(`${lake.url}/${version}/data/query/production?query=1`)
      expect({version, status: response.status}).toEqual({version, status: 200})
    }
    expect((await fetch(`${lake.url}/ping`)).status).toBe(200)
  })
})

describe('JSON bodies only', () => {
  it('refuses text/plain and untyped bodies on mutate, actions and query', async () => {
    const cases: Array<[string, string]> = [
      ['/v2025-02-19/data/mutate/production', JSON.stringify({mutations: [{create: {_id: 'plain', _type: 'note'}}]})],
      ['/v2025-02-19/data/actions/production', JSON.stringify({actions: [{actionType: 'sanity.action.release.create', releaseId: 'rPlain'}]})],
      ['/v2025-02-19/data/query/production', JSON.stringify({query: 'count(*)'})],
    ]
    const types: Array<[string | null, string]> = [['text/plain;charset=UTF-8', '"text/plain"'], [null, 'no content type']]
    for (const [path, body] of cases) {
      for (const [contentType, named] of types) {
        expect({path, ...(await post(path, body, contentType))}).toEqual({
          path,
          status: 400,
          body: {error: 'Bad Request', message: `The request body must be JSON sent as "Content-Type: application/json", got ${named}`, statusCode: 400},
        })
      }
    }
    expect(await client.fetch('count(*[_id in ["plain", "_.releases.rPlain"]])', {}, {perspective: 'raw'})).toBe(0)
  })
})
