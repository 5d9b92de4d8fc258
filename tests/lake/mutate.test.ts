import type {SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

type Doc = Record<string, unknown> & {_id: string}

interface Case {
  name: string
  before: Doc[]
  mutations: Record<string, unknown>[]
  /** Documents (without system fields) after the transaction, by id; null = must not exist. */
  after?: Record<string, Doc | null>
  error?: {status: number; description: string}
}

const article = {_id: 'article-a', _type: 'article', title: 'Old', count: 1, tags: ['a', 'b']}
const withBody = {
  _id: 'article-b',
  _type: 'article',
  body: [
    {_key: 'k1', _type: 'block', text: 'one'},
    {_key: 'k2', _type: 'block', text: 'two'},
  ],
}

const cases: Case[] = [
  {name: 'create', before: [], mutations: [{create: {_id: 'x', _type: 't', a: 1}}], after: {x: {_id: 'x', _type: 't', a: 1}}},
  {
    name: 'create on an existing id is a 409',
    before: [article],
    mutations: [{create: {...article, title: 'New'}}],
    error: {status: 409, description: 'Document by ID "article-a" already exists'},
  },
  {
    name: 'createOrReplace replaces',
    before: [article],
    mutations: [{createOrReplace: {_id: 'article-a', _type: 'article', title: 'Replaced'}}],
    after: {'article-a': {_id: 'article-a', _type: 'article', title: 'Replaced'}},
  },
  {
    name: 'createIfNotExists keeps an existing document',
    before: [article],
    mutations: [{createIfNotExists: {_id: 'article-a', _type: 'article', title: 'Ignored'}}],
    after: {'article-a': article},
  },
  {
    name: 'createIfNotExists creates a missing document',
    before: [],
    mutations: [{createIfNotExists: {_id: 'y', _type: 't'}}],
    after: {y: {_id: 'y', _type: 't'}},
  },
  {name: 'delete by id', before: [article], mutations: [{delete: {id: 'article-a'}}], after: {'article-a': null}},
  {
    name: 'delete by query',
    before: [article, withBody, {_id: 'p', _type: 'person'}],
    mutations: [{delete: {query: '*[_type == $t]', params: {t: 'article'}}}],
    after: {'article-a': null, 'article-b': null, p: {_id: 'p', _type: 'person'}},
  },
  {
    name: 'delete by query matching a path against a path pattern, as GROQ does',
    before: [{_id: 'tmp.a', _type: 't'}, {_id: 'tmp.a.b', _type: 't'}, {_id: 'keep', _type: 't'}],
    mutations: [{delete: {query: '*[path(_id) in path("tmp.*")]'}}],
    after: {'tmp.a': null, 'tmp.a.b': {_id: 'tmp.a.b', _type: 't'}, keep: {_id: 'keep', _type: 't'}},
  },
  {
    name: 'patch set with a nested path',
    before: [article],
    mutations: [{patch: {id: 'article-a', set: {title: 'New', 'seo.description': 'd'}}}],
    after: {'article-a': {...article, title: 'New', seo: {description: 'd'}}},
  },
  {
    name: 'patch setIfMissing only fills missing fields',
    before: [article],
    mutations: [{patch: {id: 'article-a', setIfMissing: {title: 'No', language: 'ar'}}}],
    after: {'article-a': {...article, language: 'ar'}},
  },
  {
    name: 'patch unset',
    before: [article],
    mutations: [{patch: {id: 'article-a', unset: ['title', 'tags[0]']}}],
    after: {'article-a': {_id: 'article-a', _type: 'article', count: 1, tags: ['b']}},
  },
  {
    name: 'patch inc and dec',
    before: [article],
    mutations: [{patch: {id: 'article-a', inc: {count: 5}}}, {patch: {id: 'article-a', dec: {count: 2}}}],
    after: {'article-a': {...article, count: 4}},
  },
  {
    name: 'patch insert after a keyed item',
    before: [withBody],
    mutations: [{patch: {id: 'article-b', insert: {after: 'body[_key=="k1"]', items: [{_key: 'k3', _type: 'block', text: 'new'}]}}}],
    after: {
      'article-b': {
        ...withBody,
        body: [withBody.body[0], {_key: 'k3', _type: 'block', text: 'new'}, withBody.body[1]],
      },
    },
  },
  {
    name: 'patch insert before the first item and replace the last',
    before: [article],
    mutations: [
      {patch: {id: 'article-a', insert: {before: 'tags[0]', items: ['z']}}},
      {patch: {id: 'article-a', insert: {replace: 'tags[-1]', items: ['y']}}},
    ],
    after: {'article-a': {...article, tags: ['z', 'a', 'y']}},
  },
  {
    name: 'patch set inside a keyed array item',
    before: [withBody],
    mutations: [{patch: {id: 'article-b', set: {'body[_key=="k2"].text': 'TWO'}}}],
    after: {'article-b': {...withBody, body: [withBody.body[0], {_key: 'k2', _type: 'block', text: 'TWO'}]}},
  },
  {
    name: 'patch diffMatchPatch',
    before: [article],
    mutations: [{patch: {id: 'article-a', diffMatchPatch: {title: '@@ -1,3 +1,7 @@\n Old\n+ News\n'}}}],
    after: {'article-a': {...article, title: 'Old News'}},
  },
  {
    name: 'patch by query patches every match',
    before: [article, withBody],
    mutations: [{patch: {query: '*[_type == "article"]', set: {language: 'en'}}}],
    after: {'article-a': {...article, language: 'en'}, 'article-b': {...withBody, language: 'en'}},
  },
  {
    name: 'patch of a missing document is a 409',
    before: [],
    mutations: [{patch: {id: 'nope', set: {a: 1}}}],
    error: {status: 409, description: 'Cannot patch document "nope": it does not exist'},
  },
  {
    name: 'a failing mutation rolls back the whole transaction',
    before: [article],
    mutations: [{patch: {id: 'article-a', set: {title: 'Changed'}}}, {create: {...article}}],
    error: {status: 409, description: 'Document by ID "article-a" already exists'},
    after: {'article-a': article},
  },
  {
    name: 'later mutations see earlier ones of the same transaction',
    before: [],
    mutations: [{create: {_id: 'n', _type: 't', v: 1}}, {patch: {query: '*[_id == "n"]', inc: {v: 1}}}],
    after: {n: {_id: 'n', _type: 't', v: 2}},
  },
  {
    name: 'a query sees documents rewritten earlier in the transaction',
    before: [article],
    mutations: [
      {createOrReplace: {_id: 'article-a', _type: 'story'}},
      {patch: {query: '*[_type == "story"]', set: {seen: true}}},
      {delete: {query: '*[_type == "article"]'}},
    ],
    after: {'article-a': {_id: 'article-a', _type: 'story', seen: true}},
  },
  {
    name: 'an unknown mutation type is a 400',
    before: [],
    mutations: [{upsert: {_id: 'a'}}],
    error: {status: 400, description: 'Unknown mutation type "upsert"'},
  },
]

let lake: TestLake
let client: SanityClient

beforeAll(async () => {
  lake = await startTestLake()
  client = lake.client()
})
afterAll(() => lake.close())

function strip(doc: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!doc) return null
  const {_rev, _createdAt, _updatedAt, ...rest} = doc
  return rest
}

describe('data/mutate table', () => {
  cases.forEach((testCase, index) => {
    it(testCase.name, async () => {
      const scoped = lake.client({dataset: `table-${index}`})
      if (testCase.before.length > 0) {
        await scoped.mutate(testCase.before.map((doc) => ({createOrReplace: doc})) as never)
      }
      const attempt = scoped.mutate(testCase.mutations as never, {returnDocuments: false})
      if (testCase.error) {
        const error = await attempt.then(() => null, (e: {statusCode: number; response: {body: {error: {description: string}}}}) => e)
        expect(error?.statusCode).toBe(testCase.error.status)
        expect(error?.response.body.error.description).toBe(testCase.error.description)
      } else {
        await attempt
      }
      for (const [id, expected] of Object.entries(testCase.after ?? {})) {
        expect(strip(await scoped.getDocument(id))).toEqual(expected)
      }
    })
  })
})

describe('data/mutate system fields and options', () => {
  it('sets _rev to the transaction id, _createdAt on create and _updatedAt on every write', async () => {
    const created = await client.mutate([{create: {_id: 'sys-1', _type: 't'}}], {transactionId: 'tx-sys-1', returnFirst: true, returnDocuments: true})
    expect(created._rev).toBe('tx-sys-1')
    expect(created._createdAt).toBe(created._updatedAt)
    const patched = await client.patch('sys-1').set({a: 1}).commit({transactionId: 'tx-sys-2'})
    expect(patched._rev).toBe('tx-sys-2')
    expect(patched._createdAt).toBe(created._createdAt)
    expect(patched._updatedAt >= created._updatedAt).toBe(true)
  })

  it('rejects a reused transaction id with 409', async () => {
    await client.mutate([{create: {_type: 't'}}], {transactionId: 'tx-once'})
    await expect(client.mutate([{create: {_type: 't'}}], {transactionId: 'tx-once'})).rejects.toMatchObject({
      statusCode: 409,
      response: {body: {error: {type: 'mutationError', description: 'Transaction ID "tx-once" has already been used'}}},
    })
  })

  it('checks ifRevisionID', async () => {
    const doc = await client.create({_id: 'rev-1', _type: 't', n: 0})
    await client.patch('rev-1').ifRevisionId(doc._rev).inc({n: 1}).commit()
    await expect(client.patch('rev-1').ifRevisionId(doc._rev).inc({n: 1}).commit()).rejects.toMatchObject({statusCode: 409})
    expect((await client.getDocument('rev-1'))?.n).toBe(1)
  })

  it('generates ids: random when missing, after the prefix when it ends with a dot', async () => {
    const random = await client.create({_type: 't'})
    expect(random._id).toMatch(/^[A-Za-z0-9]{22}$/)
    const prefixed = await client.create({_id: 'drafts.', _type: 't'})
    expect(prefixed._id).toMatch(/^drafts\.[A-Za-z0-9]{22}$/)
  })

  it('adds _key to array objects with autoGenerateArrayKeys', async () => {
    const doc = await client.create({_id: 'keys-1', _type: 't', items: [{a: 1}, {_key: 'own', a: 2}]}, {autoGenerateArrayKeys: true})
    const items = doc.items as Array<{_key: string; a: number}>
    expect(items[0]?._key).toMatch(/^[A-Za-z0-9]{12}$/)
    expect(items[1]).toEqual({_key: 'own', a: 2})
  })

  it('applies nothing on dryRun but answers the results', async () => {
    const response = await client.mutate([{create: {_id: 'dry-1', _type: 't'}}], {dryRun: true, returnDocuments: false})
    expect(response.results).toEqual([{id: 'dry-1', operation: 'create'}])
    expect(await client.getDocument('dry-1')).toBeUndefined()
  })

  it('answers results with operations and documents', async () => {
    const response = await client.mutate(
      [{createOrReplace: {_id: 'res-1', _type: 't'}}, {patch: {id: 'res-1', set: {a: 1}}}, {delete: {id: 'res-1'}}],
      {returnDocuments: false, transactionId: 'tx-res'},
    )
    expect(response).toEqual({
      transactionId: 'tx-res',
      documentIds: ['res-1', 'res-1', 'res-1'],
      results: [
        {id: 'res-1', operation: 'create'},
        {id: 'res-1', operation: 'update'},
        {id: 'res-1', operation: 'delete'},
      ],
    })
  })
})
