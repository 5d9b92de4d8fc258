/**
 * Garbage in URL parameters and bodies: each gets a 400 naming the parameter, never a 500, and the
 * data written before is still there.
 */
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

beforeAll(async () => {
  lake = await startTestLake()
  await lake.client().createOrReplace({_id: 'kept', _type: 'note', n: 1})
})
afterAll(() => lake.close())

async function get(path: string): Promise<{status: number; body: unknown}> {
  const response = await fetch(`${lake.url}/v2025-02-19${path}`, {headers: {authorization: `Bearer ${lake.token}`}})
  return {status: response.status, body: await response.json()}
}

/** A raw `data/mutate` request with the token (bodies a client would not send, `returnDocuments` answers). */
function postMutate(body: string, query = ''): Promise<Response> {
  return fetch(`${lake.url}/v2025-02-19/data/mutate/production${query}`, {
    method: 'POST',
    headers: {authorization: `Bearer ${lake.token}`, 'content-type': 'application/json'},
    body,
  })
}

/** `a.a.a…`: 50,000 segments, which the mutator parses in quadratic time. */
const LONG_PATH = Array.from({length: 50_000}, () => 'a').join('.')

describe('patches of the wrong shape', () => {
  const refused = (description: string) => ({statusCode: 400, response: {body: {error: {type: 'mutationError', description}}}})

  it('refuses each with a 400 saying what the operation takes, and leaves the document as it was', async () => {
    const client = lake.client()
    await client.createOrReplace({_id: 'shaped', _type: 'note', n: 1, items: [{_key: 'a'}]})
    const before = await client.getDocument('shaped')
    const cases: Array<[Record<string, unknown>, string]> = [
      [{inc: {n: 'x'}}, '"inc" needs a number for "n", got "x"'],
      [{dec: {n: null}}, '"dec" needs a number for "n", got null'],
      [{set: null}, '"set" must be an object of paths and values, got null'],
      [{setIfMissing: [1]}, '"setIfMissing" must be an object of paths and values, got [1]'],
      [{diffMatchPatch: {n: 5}}, '"diffMatchPatch" needs a patch string for "n", got 5'],
      [{unset: '_id'}, '"unset" must be an array of paths (strings), got "_id"'],
      [{unset: [1, 2]}, '"unset" must be an array of paths (strings), got [1,2]'],
      [{insert: {after: 'items[-1]'}}, '"insert.items" must be an array of the items to insert, got nothing'],
      [{insert: {after: 'items[-1]', items: {_key: 'b'}}}, '"insert.items" must be an array of the items to insert, got {"_key":"b"}'],
      [
        {insert: {after: 'items[-1]', before: 'items[0]', items: [{_key: 'b'}]}},
        '"insert" needs exactly one of "after", "before" or "replace", got "before", "after": {"after" | "before" | "replace": <path>, "items": [...]}',
      ],
      [{insert: {after: 5, items: []}}, '"insert.after" must be a path (a string), got 5'],
      [{set: {[LONG_PATH]: 1}}, `a path in "set" has ${LONG_PATH.length} characters, more than 2048: "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a....`],
      [
        {set: Object.fromEntries(Array.from({length: 1001}, (_, i) => [`f${i}`, i]))},
        'it names 1001 paths, more than 1000: split it into several patches, or set whole objects',
      ],
      [{unset: ['items[0:200000]']}, 'its ranges ([start:end]) name up to 200000 array items, more than 100000: name the items, e.g. by _key'],
      [
        {set: {'items[0:1000].a[-1000:]': 1}},
        'its ranges ([start:end]) name up to 1000000 array items, more than 100000: name the items, e.g. by _key',
      ],
    ]
    for (const [operations, description] of cases) {
      const error = refused(`Invalid patch: ${description}`)
      await expect(client.mutate([{patch: {id: 'shaped', ...operations}}] as never)).rejects.toMatchObject(error)
    }
    expect(await client.getDocument('shaped')).toEqual(before)
  })

  it('refuses them in an edit action too', async () => {
    const client = lake.client()
    await client.createOrReplace({_id: 'drafts.edited', _type: 'note', n: 1})
    const edit = {actionType: 'sanity.action.document.edit', draftId: 'drafts.edited', publishedId: 'edited', patch: {inc: {n: '1'}}}
    await expect(client.action(edit as never)).rejects.toMatchObject({
      statusCode: 400,
      response: {body: {error: {type: 'actionError', description: 'Invalid patch: "inc" needs a number for "n", got "1"'}}},
    })
    expect(await client.getDocument('drafts.edited')).toMatchObject({n: 1})
  })
})

describe('values JSON cannot hold', () => {
  const refused = (description: string) => ({statusCode: 400, response: {body: {error: {type: 'mutationError', description}}}})

  it('refuses an inc past the largest JSON number instead of storing null, and keeps the number', async () => {
    const client = lake.client()
    await client.createOrReplace({_id: 'huge', _type: 'note', n: 1e308, m: -1e308})
    await expect(client.patch('huge').inc({n: 1e308}).commit()).rejects.toMatchObject(
      refused('Document "huge": "n" is Infinity, beyond the largest number JSON holds (about 1.8e308); keep numbers within it'),
    )
    await expect(client.patch('huge').dec({m: 1e308}).commit()).rejects.toMatchObject(
      refused('Document "huge": "m" is -Infinity, beyond the largest number JSON holds (about 1.8e308); keep numbers within it'),
    )
    expect(await client.getDocument('huge')).toMatchObject({n: 1e308, m: -1e308})
  })

  it('refuses 1e400 written in a body (JSON.parse reads Infinity)', async () => {
    const response = await postMutate('{"mutations": [{"create": {"_id": "overflow", "_type": "note", "rows": [{"_key": "a", "v": 1e400}]}}]}')
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: {description: 'Document "overflow": "rows[0].v" is Infinity, beyond the largest number JSON holds (about 1.8e308); keep numbers within it'},
    })
    expect(await lake.client().getDocument('overflow')).toBeUndefined()
  })

  it('refuses a reference whose _ref is not a document id, strong or weak, naming where it is', async () => {
    const client = lake.client()
    await expect(client.create({_id: 'badref', _type: 'note', items: [{_key: 'a', source: {_type: 'reference', _ref: 5}}]})).rejects.toMatchObject(
      refused('Document "badref": not a valid reference at "items[0].source": "_ref" must be a document id (a non-empty string), got 5'),
    )
    await expect(client.create({_id: 'badref', _type: 'note', source: {_ref: '', _weak: true}})).rejects.toMatchObject(
      refused('Document "badref": not a valid reference at "source": "_ref" must be a document id (a non-empty string), got ""'),
    )
    await expect(client.create({_id: 'badref', _type: 'note', source: {_ref: null}})).rejects.toMatchObject(
      refused('Document "badref": not a valid reference at "source": "_ref" must be a document id (a non-empty string), got null'),
    )
    expect(await client.getDocument('badref')).toBeUndefined()
  })
})

/**
 * Runs `work` counting the JSON serializations of a whole document of about `bytes` (the lake runs
 * in this process): how many copies of a large document a request made, whatever the machine's speed.
 */
async function countSerializations(bytes: number, work: () => Promise<unknown>): Promise<number> {
  const stringify = JSON.stringify
  let count = 0
  const spy = vi.spyOn(JSON, 'stringify').mockImplementation((...args: Parameters<typeof JSON.stringify>) => {
    const json = stringify(...args)
    if (typeof json === 'string' && json.length >= bytes && json.length < bytes * 1.1) count++
    return json
  })
  try {
    await work()
  } finally {
    spy.mockRestore()
  }
  return count
}

describe('many patches of one large document', () => {
  it('checks the document once, in its final state, and answers without 3 GB of copies of it', async () => {
    const client = lake.client()
    await client.createOrReplace({_id: 'large', _type: 'note', text: 'x'.repeat(3_000_000), n: 0})
    const body = JSON.stringify({mutations: Array.from({length: 1000}, () => ({patch: {id: 'large', inc: {n: 1}}}))})
    let response: Response | undefined
    const copies = await countSerializations(3_000_000, async () => {
      response = await postMutate(body, '?returnDocuments=true')
    })
    // Checked and stored once (a few copies: check, log), not once per patch.
    expect(copies).toBeGreaterThan(0)
    expect(copies).toBeLessThan(5)
    const {results} = (await response!.json()) as {results: Array<{id: string; document?: {n: number}}>}
    // Each result names the document's final state: the first 64 MB of them carry it.
    expect(results).toHaveLength(1000)
    const returned = results.filter((result) => result.document !== undefined)
    expect(returned.length).toBeGreaterThan(0)
    expect(returned.length).toBeLessThan(1000)
    expect(returned[0]?.document).toMatchObject({_id: 'large', n: 1000})
    expect(await client.fetch('*[_id == "large"][0].n')).toBe(1000)
  })

  it('still refuses a document whose final state is past the limits, naming the last mutation that wrote it', async () => {
    const client = lake.client()
    const deep = JSON.parse('{"a":'.repeat(21) + '1' + '}'.repeat(21)) as unknown
    await expect(client.mutate([{create: {_id: 'deep', _type: 'note'}}, {patch: {id: 'deep', set: {n: 1}}}, {patch: {id: 'deep', set: {deep}}}])).rejects.toMatchObject({
      statusCode: 400,
      response: {body: {error: {type: 'mutationError', items: [{index: 2, error: {description: 'Document "deep" is nested 21 levels deep; the limit is 20'}}]}}},
    })
    expect(await client.getDocument('deep')).toBeUndefined()
  })
})

describe('many edit actions of one large draft', () => {
  it('check the draft once, in its final state, and still refuse one past the limits', async () => {
    const client = lake.client()
    await client.createOrReplace({_id: 'drafts.edited-large', _type: 'note', text: 'x'.repeat(3_000_000), n: 0})
    const edit = (patch: Record<string, unknown>) => ({actionType: 'sanity.action.document.edit', draftId: 'drafts.edited-large', publishedId: 'edited-large', patch})
    const copies = await countSerializations(3_000_000, () => client.action(Array.from({length: 1000}, () => edit({inc: {n: 1}})) as never))
    expect(copies).toBeGreaterThan(0)
    expect(copies).toBeLessThan(5)
    expect((await client.getDocument('drafts.edited-large'))?.n).toBe(1000)
    const deep = JSON.parse('{"a":'.repeat(21) + '1' + '}'.repeat(21)) as unknown
    await expect(client.action([edit({inc: {n: 1}}), edit({set: {deep}})] as never)).rejects.toMatchObject({
      statusCode: 400,
      response: {body: {error: {type: 'actionError', description: 'Document "drafts.edited-large" is nested 21 levels deep; the limit is 20'}}},
    })
    expect((await client.getDocument('drafts.edited-large'))?.n).toBe(1000)
  })
})

describe('mutations by query', () => {
  it('refuse a query whose parameter is missing instead of reading it as null (a delete of every document)', async () => {
    const client = lake.client()
    const before = await client.fetch('count(*)')
    const missing = {statusCode: 400, response: {body: {error: {type: 'mutationError', description: 'Invalid query in mutation: param $keep referenced, but not provided'}}}}
    await expect(client.mutate([{delete: {query: '*[_id != $keep]', params: {kep: 'kept'}}}])).rejects.toMatchObject(missing)
    await expect(client.mutate([{patch: {query: '*[_id != $keep]', set: {gone: true}}}])).rejects.toMatchObject(missing)
    await expect(client.mutate([{delete: {query: '*[_id != $keep]', params: 5}}] as never)).rejects.toMatchObject({
      statusCode: 400,
      response: {body: {error: {type: 'mutationError', description: '"params" must be an object of the query\'s parameters, got 5'}}},
    })
    expect(await client.fetch('count(*)')).toBe(before)
    expect(await client.fetch('count(*[gone == true])')).toBe(0)
  })

  it('and listeners refuse a missing parameter as queries do, where it would read as null (every change but one)', async () => {
    const query = '*[_id != $keep]'
    const response = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent(query)}&$kep=%22kept%22`)
    expect({status: response.status, body: await response.json()}).toEqual({
      status: 400,
      body: {error: {type: 'queryParseError', description: 'param $keep referenced, but not provided', query, start: 9, end: 14}},
    })
  })
})

describe('long lists in queries', () => {
  it('answers `in $list` with more values than SQLite takes `?` in one statement', async () => {
    const client = lake.client()
    await client.createOrReplace({_id: 'listed', _type: 'listedType', slug: 'listed-slug'})
    const many = (last: string) => [...Array.from({length: 40_000}, (_, i) => `x${i}`), last]
    expect(await client.fetch('*[_id in $ids]._id', {ids: many('listed')})).toEqual(['listed'])
    expect(await client.fetch('count(*[_type in $types])', {types: many('listedType')})).toBe(1)
    expect(await client.fetch('*[slug in $slugs]._id', {slugs: many('listed-slug')})).toEqual(['listed'])
  })
})

describe('history parameters', () => {
  it('answers a limit past the largest exact integer with 400 naming it', async () => {
    const big = '100000000000000000000'
    const refused = {status: 400, body: {error: 'Bad Request', message: `"limit" must be a positive integer, got ${big}`, statusCode: 400}}
    expect(await get(`/data/history/production/transactions/kept?limit=${big}`)).toEqual(refused)
    expect(await get(`/data/history/production/events/documents/kept?limit=${big}`)).toEqual(refused)
    expect(await get(`/data/history/production/deleted?limit=${big}`)).toEqual(refused)
    expect(await lake.client().getDocument('kept')).toMatchObject({n: 1})
  })
})

describe('a large parameter named many times', () => {
  it('is answered, not turned into a text of the whole parsed query (a 500 before)', async () => {
    const value = 'x'.repeat(3_000_000)
    const query = `[${Array.from({length: 1300}, () => '$p').join(',')}][0...1]`
    const response = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({query, params: {p: value}}),
    })
    expect(response.status).toBe(200)
    expect(((await response.json()) as {result: string[]}).result).toEqual([value])
  })

  it('still names a parameter that is missing, the first in the query, also beside given values that look like one', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/query/production`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({query: '[$given, $second, $first]', params: {given: {type: 'Parameter', name: 'given'}}}),
    })
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('param $second referenced, but not provided')
  })
})
