import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake
let client: SanityClient

beforeAll(async () => {
  lake = await startTestLake({queryTimeoutMs: 300})
  client = lake.client()
  const seed: Array<Record<string, unknown>> = [
    {createOrReplace: {_id: 'article-a', _type: 'article', title: 'A published', slug: {_type: 'slug', current: 'a'}}},
    {createOrReplace: {_id: 'drafts.article-a', _type: 'article', title: 'A draft', slug: {_type: 'slug', current: 'a'}}},
    {createOrReplace: {_id: 'versions.rSpring.article-a', _type: 'article', title: 'A spring', slug: {_type: 'slug', current: 'a'}}},
    {createOrReplace: {_id: 'drafts.article-b', _type: 'article', title: 'B draft only'}},
    {createOrReplace: {_id: 'versions.rSummer.article-c', _type: 'article', title: 'C summer only'}},
    {createOrReplace: {_id: 'person-x', _type: 'person', name: 'X'}},
  ]
  await client.mutate(seed as never)
})
afterAll(() => lake.close())

async function get(path: string, init?: RequestInit): Promise<{status: number; body: Record<string, unknown>}> {
  const response = await fetch(lake.url + path, init)
  return {status: response.status, body: (await response.json()) as Record<string, unknown>}
}

const auth = () => ({authorization: `Bearer ${lake.token}`})

describe('data/query', () => {
  it('answers GET with $params, the query and ms', async () => {
    const query = '*[_type == $t]._id'
    const {status, body} = await get(
      `/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}&%24t=%22person%22`,
      {headers: auth()},
    )
    expect(status).toBe(200)
    expect(body.query).toBe(query)
    expect(body.result).toEqual(['person-x'])
    expect(typeof body.ms).toBe('number')
  })

  it('omits the query with returnQuery=false', async () => {
    const {body} = await get('/v2025-02-19/data/query/production?query=count(*)&returnQuery=false', {headers: auth()})
    expect(Object.keys(body).sort()).toEqual(['ms', 'result', 'syncTags'])
  })

  it('answers POST {query, params}', async () => {
    const {body} = await get('/v2025-02-19/data/query/production?perspective=raw', {
      method: 'POST',
      headers: {...auth(), 'content-type': 'application/json'},
      body: JSON.stringify({query: '*[_id in $ids] | order(_id)._id', params: {ids: ['article-a', 'drafts.article-a']}}),
    })
    expect(body.result).toEqual(['article-a', 'drafts.article-a'])
  })

  it('reports parse errors with their position', async () => {
    const {status, body} = await get(`/v2025-02-19/data/query/production?query=${encodeURIComponent('*[_type == ]')}`)
    expect(status).toBe(400)
    expect(body).toEqual({
      error: {type: 'queryParseError', description: 'Unexpected end of query', query: '*[_type == ]', start: 10, end: 11},
    })
  })

  it('reports a missing parameter', async () => {
    await expect(client.fetch('*[_id == $id]')).rejects.toMatchObject({
      statusCode: 400,
      response: {body: {error: {type: 'queryParseError', description: 'param $id referenced, but not provided'}}},
    })
  })

  it('reports a parameter that is not JSON', async () => {
    const {status, body} = await get('/v2025-02-19/data/query/production?query=%24x&%24x=nope')
    expect(status).toBe(400)
    expect(body.message).toBe('The value of parameter "$x" is not valid JSON: nope')
  })

  it('names the hosted-only functions a query calls, in a filter tested in chunks or anywhere else', async () => {
    const description = (names: string, them: string) =>
      `${names} ${them === 'it' ? 'is' : 'are'} not available on the local lake (the hosted Content Lake has ${them}): run this query against a hosted project, or do without ${names}`
    // The first filter is tested chunk by chunk as documents are read (queryPushdown.ts); the
    // others are evaluated whole.
    const queries: Array<[string, string, string]> = [
      ['*[_type == "person" && geo::distance(location, geo::latLng(59.9, 10.7)) < 1000]', 'geo::distance(), geo::latLng()', 'them'],
      ['*[_type == "person"]{"near": geo::contains(area, location)}', 'geo::contains()', 'it'],
      ['documents::incomingRefCount("person-x")', 'documents::incomingRefCount()', 'it'],
    ]
    for (const [query, names, them] of queries) {
      const {status, body} = await get(`/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}`, {headers: auth()})
      expect({status, body}).toEqual({status: 400, body: {error: {type: 'queryExecutionError', description: description(names, them), query}}})
    }
    // An unreached call costs nothing, as on the hosted API.
    expect(await client.fetch('select(false => geo::latLng(1, 2), "fine")')).toBe('fine')
  })

  it('matches a path against a path pattern, as GROQ does (groq-js answers null)', async () => {
    const query = `{
      "one": path("a.b") in path("a.*"),
      "deeper": path("a.b.c") in path("a.*"),
      "any depth": path("a.b.c") in path("a.**"),
      "not a string": path(1) in path("a.*"),
      "in an array": path("a.b") in ["a.b"],
      "filter": *[path(_id) in path("drafts.**")]._id
    }`
    // A constant query is answered on the main thread, the rest by a worker: both match paths.
    expect(await client.fetch('path("a.b") in path("a.*")')).toBe(true)
    expect(await lake.client().fetch(query, {}, {perspective: 'raw'})).toEqual({
      one: true,
      deeper: false,
      'any depth': true,
      'not a string': null,
      'in an array': false,
      filter: ['drafts.article-a', 'drafts.article-b'],
    })
  })

  it('refuses score() after something other than an array of documents, and ranks documents', async () => {
    const description =
      'score() ranks documents: pipe a filter into it, such as *[_type == "article"] | score(title match "x"), and project or pick elements after it'
    for (const [query, start] of [['*{title} | score(title match "A")', 11], ['*[0] | score(title match "A")', 7], ['(*._id) | score(_id == "a")', 10]] as const) {
      const {status, body} = await get(`/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}`)
      expect({status, body}).toEqual({status: 400, body: {error: {type: 'queryParseError', description, query, start, end: start + 5}}})
    }
    const ranked = '*[_type == "article"] | score(title match "draft") | order(_score desc, _id)[0...2]{_id, _score}'
    expect(await client.fetch(ranked, {}, {perspective: 'raw'})).toEqual([
      {_id: 'drafts.article-a', _score: 1},
      {_id: 'drafts.article-b', _score: 1},
    ])
  })

  it('keeps one null in array::unique(), where the first one was (groq-js keeps them all)', async () => {
    const query = `{
      "mixed": array::unique([1, null, "a", 1, null, true, "a", true, null]),
      "objects": array::unique([{"a": 1}, {"a": 1}, null, null]),
      "missing": array::unique(*[_type == "person"].nothing),
      "not an array": array::unique("a"),
      "titles": array::unique(*[_type == "article"] | order(_id) .title)
    }`
    // A constant query is answered on the main thread, the rest by a worker.
    expect(await client.fetch('array::unique([null, 2, null, 2])')).toEqual([null, 2])
    expect(await client.fetch(query, {}, {perspective: 'raw'})).toEqual({
      mixed: [1, null, 'a', true],
      objects: [{a: 1}, {a: 1}, null],
      missing: [null],
      'not an array': null,
      titles: ['A published', 'A draft', 'B draft only', 'A spring', 'C summer only'],
    })
  })

  it('counts with defined() by what each document holds, not by type alone', async () => {
    // Five articles in the raw perspective, three of them with a slug.
    expect(await client.fetch('count(*[_type == "article" && defined(slug)])', {}, {perspective: 'raw'})).toBe(3)
    expect(await client.fetch('count(*[_type == "article"])', {}, {perspective: 'raw'})).toBe(5)
  })

  it('answers 404 for a dataset that does not exist (reads never create one)', async () => {
    await expect(lake.client({dataset: 'empty'}).fetch('*')).rejects.toMatchObject({
      statusCode: 404,
      response: {body: {error: 'Not Found', message: 'Dataset "empty" not found', statusCode: 404}},
    })
  })

  it('stops a query that runs past the time budget', async () => {
    // Each level reads its parent (`^`), so no level can be evaluated once and reused.
    const heavy = 'count(*[_type == "article"]{"a": *[_id != ^._id]{"b": *[_id != ^._id]{"c": *[_id != ^._id]{"d": *[_id != ^._id]}}}})'
    await lake.client().mutate(Array.from({length: 60}, (_, i) => ({createOrReplace: {_id: `filler-${i}`, _type: 'filler'}})))
    await expect(client.fetch(heavy)).rejects.toMatchObject({
      statusCode: 400,
      response: {body: {error: {type: 'queryTimeoutError'}}},
    })
    expect(await client.fetch('count(*[_type == "person"])')).toBe(1)
  })
})

describe('perspectives', () => {
  const titles = (perspective?: string | string[]) =>
    client.fetch<Array<{_id: string; _originalId?: string; title: string}>>(
      '*[_type == "article"] | order(_id) {_id, _originalId, title}',
      {},
      perspective ? {perspective: perspective as never} : {},
    )

  it('defaults to published for API 2025-02-19', async () => {
    expect(await titles()).toEqual([{_id: 'article-a', _originalId: null, title: 'A published'}])
  })

  it('defaults to raw for older API versions, without release versions', async () => {
    const ids = await lake.client({apiVersion: '2021-03-25'}).fetch('*[_type == "article"] | order(_id) ._id')
    expect(ids).toEqual(['article-a', 'drafts.article-a', 'drafts.article-b'])
    const all = await lake.client().fetch('*[_type == "article"] | order(_id) ._id', {}, {perspective: 'raw'})
    expect(all).toEqual(['article-a', 'drafts.article-a', 'drafts.article-b', 'versions.rSpring.article-a', 'versions.rSummer.article-c'])
  })

  it('overlays drafts with _originalId', async () => {
    expect(await titles('drafts')).toEqual([
      {_id: 'article-a', _originalId: 'drafts.article-a', title: 'A draft'},
      {_id: 'article-b', _originalId: 'drafts.article-b', title: 'B draft only'},
    ])
    expect(await titles('previewDrafts')).toEqual(await titles('drafts'))
  })

  it('stacks releases before drafts, as a list or an array', async () => {
    const expected = [
      {_id: 'article-a', _originalId: 'versions.rSpring.article-a', title: 'A spring'},
      {_id: 'article-b', _originalId: 'drafts.article-b', title: 'B draft only'},
      {_id: 'article-c', _originalId: 'versions.rSummer.article-c', title: 'C summer only'},
    ]
    expect(await titles(['rSpring', 'rSummer', 'drafts'])).toEqual(expected)
    const {body} = await get(
      `/v2025-02-19/data/query/production?perspective=rSpring,rSummer,drafts&query=${encodeURIComponent('*[_type == "article"] | order(_id) {_id, _originalId, title}')}`,
      {headers: auth()},
    )
    expect(body.result).toEqual(expected)
  })

  it('rejects stacks on old API versions', async () => {
    await expect(
      lake.client({apiVersion: '2021-03-25'}).fetch('*', {}, {perspective: ['rSpring', 'drafts'] as never}),
    ).rejects.toMatchObject({statusCode: 400, response: {body: {message: 'Complex perspectives are not supported for this version'}}})
  })

  it('resolves references through the perspective', async () => {
    await client.mutate([{createOrReplace: {_id: 'ref-holder', _type: 'holder', ref: {_ref: 'article-a'}}}])
    expect(await client.fetch('*[_id == "ref-holder"][0].ref->title', {}, {perspective: 'drafts'})).toBe('A draft')
    expect(await client.fetch('*[_id == "ref-holder"][0].ref->title')).toBe('A published')
  })
})
