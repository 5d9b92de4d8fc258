import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {evaluate, parse} from 'groq-js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {publishedId} from '../../lake/ids.ts'
import {applyPerspective} from '../../lake/perspective.ts'
import {runQuery} from '../../lake/query.ts'
import {needsDataset, pushDown} from '../../lake/queryPushdown.ts'
import {openLake, type LocalLake} from '../../lake/store.ts'
import type {SqliteDataset} from '../../lake/store/dataset.ts'
import type {Perspective} from '../../lake/types.ts'
import {generateArticleDocuments} from '../../scripts/lib/generateDocuments.ts'

const QUERIES: Array<[string, Record<string, unknown>?]> = [
  ['*[_type == "article" && slug.current == $slug]{_id, title}', {slug: 'article-33'}],
  ['*[slug.current == $slug][0]._id', {slug: 'article-9'}],
  ['*[_type == "article" && slug.current in ["article-1", "article-2"]]._id'],
  ['*[slug.current == 7]._id'],
  ['*[_type == "article"] | order(publishedAt desc) [0...10] {_id, publishedAt}'],
  ['*[_type == "article"] | order(publishedAt asc) [0...5]._id'],
  ['*[_type == "article"] | order(publishedAt desc) [0..4]._id'],
  ['*[_type == "article"] | order(publishedAt desc) [3]._id'],
  ['*[_type == "article"] | order(publishedAt desc) [5...15]._id'],
  ['*[_type == "article"] | order(_updatedAt desc) [0...10]._id'],
  ['*[_type == "article"] | order(rank desc) [0...10]._id'],
  ['*[_type == "article" && language == "ar"] | order(publishedAt desc) [0...7]._id'],
  ['*[] | order(publishedAt desc) [0...3]._id'],
  ['count(*[_type == "article"])'],
  ['count(*[_type in ["person", "publisher"]])'],
  ['count(*[_type == "article" && language == "en"])'],
  ['*[_id == "article-3"][0]{_id, title}'],
  ['*[_id in ["article-1", "drafts.article-0", "person-2", "article-0"]]._id'],
  ['*[_type == "article" && rank == 3] | order(_id) [0...5]._id'],
  ['*[_type == "article"][0...3]{_id, "authors": authors[]->name, "publisher": publisher->name}'],
  ['*[_type == "person"] | order(_id) [0...3] {name, "articles": count(*[_type == "article" && references(^._id)])}'],
  ['*[_type == "article" && count(authors) > 1] | order(publishedAt desc) [0...4]._id'],
  ['*[_type == "nothing"]'],
  ['*[_type == "article"][0...3]._id'],
  ['*[_type in ["person", "article"]][2]._id'],
  ['*[_type == "article" && language == "en"][0...3]._id'],
  ['*[_id in ["article-5", "drafts.article-3", "article-3"]][0..1]._id'],
  ['*[_type == "article" && _type == "person"]'],
  ['*[_type == "article" || _type == "person"] | order(_id) [0...3]._id'],
  ['*[!(_id in path("drafts.**"))] | order(_id) [0...3]._id'],
  ['{"latest": *[_type == "article"] | order(publishedAt desc) [0]._id, "people": count(*[_type == "person"])}'],
  ['*[_type == $type && defined(slug.current)] | order(title asc, _id desc) [0...3]._id', {type: 'article'}],
  ['*[_id in *[_type == "person"]._id] | order(_id) [0...3]._id'],
  ['*[_type == "person"] | order(_id) [0...2] {name, "n": count(*[_type == "article"]), "first": *[_type == "article"] | order(_id) [0]._id}'],
  ['*[_type == "person"] | order(_id) [0...2] {"a": *[_type == "article"] | order(_id) [0...2] {_id, "p": ^.name, "q": *[_type == "person"][0...1]{"r": ^.^._id}}}'],
  ['*[_type == "article" && publisher._ref in *[_type == "publisher"]._id] | order(_id) [0...3] {_id, "n": count(*[references(^._id)])}'],
  ['*[_type == "tagged" && "red" in tags]._id'],
  ['*["red" in tags && "blue" in tags] | order(_id)._id'],
  ['*[3 in tags]._id'],
  ['*[$tag in labels]._id', {tag: 'red'}],
  ['count(*["red" in tags])'],
  ['count(*[_type == "tagged" && 3 in tags])'],
  ['*["red" in tags][0...2]._id'],
  ['*["red" in labels][0]._id'],
  ['*["[\\"red\\"]" in tags]._id'],
  ['count(*)'],
  ['count(*[_type == "tagged"])'],
  ['*[defined(self)]{"then": self->then, "doc": self->{_id, then}}'],
  ['*[_type == "person"] | order(_id) [0...2]{_id, "changed": diff::changedAny(@, @, name)}'],
  ['*[_type == "person"] | score(*[_type == "publisher"][0].name match ["publisher", "0"]) | order(_score desc, _id) [0...3]{_id, _score}'],
  ['*[_type == "tagged"] | order(n desc) [0...4]._id'],
  ['*[_type == "tagged"] | order(n desc, _id desc) [0...3]._id'],
  ['*[_type == "tagged"] | order(n desc, _id asc) [0...3]._id'],
  ['*[_type == "tagged"] | order(defined(n) asc, n asc, _id) [0...3]._id'],
  ['*[_type == "tagged"] | order(defined(n) desc, n desc) [0...5]._id'],
  ['*[_type == "tagged"] | order(defined(n) desc, rank desc) [0...3]._id'],
  ['*[_type == "article"] | order(defined(publishedAt) desc, publishedAt desc, _id asc) [0...10]._id'],
  ['*[_type == "article" && language == "ar"] | order(defined(publishedAt) desc, publishedAt desc, _id) [2...7]._id'],
  ['*[_type == "article"] | order(publishedAt asc, _id desc) [0]._id'],
  ['*[_type == "article"] | order(_updatedAt desc, title asc) [0...4]{_id, title}'],
  ['*[_type == "article"] | order(defined(publishedAt) desc, publishedAt desc, _id) [20...30]._id'],
  ['*[_type == "article" && language == "en"][3...6]._id'],
  ['*[_type == "article"] | order(publishedAt desc) [12..14]._id'],
  ['count(*[_type == "article" && language == "ar"])'],
  ['count(*[_type == "tagged" && tags == "red"])'],
  ['*[_type == "tagged" && tags == "red"] | order(n desc) [0...2]._id'],
  ['*[_type == "tagged" && n == "x"][0]._id'],
  ['*[_type == "tagged" && n == 12] | order(_id) [0...1]._id'],
  ['*[_type == "article" && language == "en"] | order(defined(publishedAt) desc, publishedAt desc, _id) [0...5]._id'],
  ['*[language == "ar" && slug.current == $slug][0]._id', {slug: 'article-3'}],
  ['count(*[_type == "article" && defined(publishedAt)])'],
  ['count(*[defined(n) && _type == "tagged"])'],
  ['count(*[defined(tags)])'],
  ['*[_type == "tagged" && defined(n)]._id'],
  ['*[_type == "article" && defined(publishedAt)] | order(publishedAt desc) [0...5]._id'],
  ['*[_type == "article" && language == "en" && defined(slug.current)] | order(defined(publishedAt) desc, publishedAt desc, _id) [0...5]._id'],
  ['*[_type == "tagged"] | order(n asc) [0...4]._id'],
  ['*[_type == "tagged" && "red" in tags] | order(n desc) [0...2]._id'],
]

/** Documents with arrays and mixed-type keys, for membership and order by numbers. */
const TAGGED = [
  {_id: 'tagged-1', _type: 'tagged', tags: ['red', 'blue'], n: 5, labels: ['red']},
  {_id: 'tagged-2', _type: 'tagged', tags: ['red', 3], n: 5.5},
  {_id: 'tagged-3', _type: 'tagged', tags: 'red', n: 'x'},
  {_id: 'tagged-4', _type: 'tagged', tags: [['red'], {c: 'red'}, 3.0], n: 12},
  {_id: 'tagged-5', _type: 'tagged', tags: ['blue', 'red'], n: null},
  {_id: 'tagged-6', _type: 'tagged', tags: [], n: -1},
  {_id: 'drafts.tagged-1', _type: 'tagged', tags: ['green'], n: 99},
  {_id: 'tagged-7', _type: 'tagged', n: 12, tags: [true, 'Red']},
  {_id: 'private.tagged-9', _type: 'tagged', n: 2},
  {_id: 'tagged-10', _type: 'tagged', then: 'later', self: {_type: 'reference', _ref: 'tagged-10'}},
]

/** The indexes the lake makes for token holders' queries, made here up front (no HTTP in this file). */
const INDEXES = [
  {kind: 'order', path: ['publishedAt']},
  {kind: 'order', path: ['_updatedAt']},
  {kind: 'order', path: ['rank']},
  {kind: 'order', path: ['n']},
  {kind: 'field', path: ['slug', 'current']},
  {kind: 'member', path: ['tags']},
] as const

const PERSPECTIVES: Array<[string, Perspective]> = [
  ['raw', {kind: 'raw'}],
  ['raw before 2025-02-19', {kind: 'raw', hideVersions: true}],
  ['published', {kind: 'published'}],
  ['drafts', {kind: 'stack', releases: [], drafts: true}],
  ['rSpring,drafts', {kind: 'stack', releases: ['rSpring'], drafts: true}],
]

let dir: string
let lake: LocalLake
let dataset: SqliteDataset

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lake-pushdown-'))
  lake = openLake({dir})
  dataset = lake.dataset('production', {create: true})!
  const docs = generateArticleDocuments({articles: 400, oddities: true, draftRatio: 0.2})
  for (let i = 0; i < docs.length; i += 50) {
    dataset.transact(() => docs.slice(i, i + 50).map((doc) => ({createOrReplace: doc})), {author: 'test'})
  }
  dataset.transact(() => TAGGED.slice(0, 4).map((doc) => ({createOrReplace: doc})), {author: 'test'})
  dataset.ensureIndexes(INDEXES.map((wish) => ({kind: wish.kind, path: [...wish.path]})))
  // Written after the member index: the triggers must keep it up to date.
  dataset.transact(() => TAGGED.slice(4).map((doc) => ({createOrReplace: doc})), {author: 'test'})
  dataset.transact(() => [{patch: {id: 'tagged-6', set: {tags: ['red', {c: 'red'}]}}}], {author: 'test'})
  // Mutations refuse malformed ids now; a file written before they did may still hold one.
  const malformed = {_id: 'versions.tagged-8', _type: 'tagged', n: 1}
  dataset.db
    .prepare('INSERT INTO documents (id, pub_id, type, rev, json) VALUES (?, ?, ?, ?, ?)')
    .run(malformed._id, malformed._id, malformed._type, 'old', JSON.stringify({...malformed, _rev: 'old'}))
})
afterAll(() => {
  lake.close()
  rmSync(dir, {recursive: true, force: true})
})

/** Plain groq-js over every document the perspective shows (grouped by published id for stacks). */
async function plain(query: string, params: Record<string, unknown>, perspective: Perspective): Promise<unknown> {
  const docs = [...dataset.scan()]
  if (perspective.kind === 'stack') {
    docs.sort((a, b) => {
      const [pa, pb] = [publishedId(a._id), publishedId(b._id)]
      return pa < pb ? -1 : pa > pb ? 1 : a._id < b._id ? -1 : 1
    })
  }
  const value = await evaluate(parse(query, {params}), {dataset: [...applyPerspective(perspective, docs)], params})
  return value.get()
}

describe('index pushdown gives the same results as plain groq-js', () => {
  for (const [perspectiveName, perspective] of PERSPECTIVES) {
    for (const [query, params = {}] of QUERIES) {
      it(`${perspectiveName}: ${query}`, async () => {
        const expected = await plain(query, params, perspective)
        expect(await runQuery(dataset, {query, params, perspective})).toEqual(expected)
      })
    }
  }

  it('sees writes made after an index was created', async () => {
    const query = '*[_type == "article" && slug.current == "fresh"]._id'
    expect(await runQuery(dataset, {query, params: {}, perspective: {kind: 'raw'}})).toEqual([])
    dataset.transact(() => [{create: {_id: 'article-fresh', _type: 'article', slug: {current: 'fresh'}, publishedAt: '2099-01-01T00:00:00Z'}}], {author: 'test'})
    expect(await runQuery(dataset, {query, params: {}, perspective: {kind: 'raw'}})).toEqual(['article-fresh'])
    const counts = '[count(*[_type == "tagged"]), count(*[_type == "retagged"]), count(*)]'
    const before = await runQuery(dataset, {query: counts, params: {}, perspective: {kind: 'raw'}})
    dataset.transact(() => [{createOrReplace: {_id: 'tagged-5', _type: 'retagged'}}, {delete: {id: 'tagged-6'}}], {author: 'test'})
    for (const [, perspective] of PERSPECTIVES.slice(0, 3)) {
      expect(await runQuery(dataset, {query: counts, params: {}, perspective})).toEqual(await plain(counts, {}, perspective))
    }
    dataset.transact(() => TAGGED.slice(4, 6).map((doc) => ({createOrReplace: doc})), {author: 'test'})
    expect(await runQuery(dataset, {query: counts, params: {}, perspective: {kind: 'raw'}})).toEqual(before)
    dataset.transact(() => [{create: {_id: 'tagged-fresh', _type: 'tagged', tags: ['fresh']}}], {author: 'test'})
    expect(await runQuery(dataset, {query: '*["fresh" in tags]._id', params: {}, perspective: {kind: 'raw'}})).toEqual(['tagged-fresh'])
    dataset.transact(() => [{delete: {id: 'tagged-fresh'}}], {author: 'test'})
    expect(await runQuery(dataset, {query: '*["fresh" in tags]._id', params: {}, perspective: {kind: 'raw'}})).toEqual([])
    const latest = '*[_type == "article" && publishedAt > "2000"] | order(publishedAt desc) [0]._id'
    expect(await runQuery(dataset, {query: latest, params: {}, perspective: {kind: 'published'}})).toBe('article-fresh')
  })
})

describe('pushDown', () => {
  const recorded: unknown[] = []
  const source = {
    candidates: (constraints: unknown, order?: unknown) => (recorded.push({constraints, order}), []),
    count: () => 42,
    ordersByIndex: true,
  }

  it('narrows by-slug, latest-10 and count so the dataset is not needed', () => {
    recorded.length = 0
    const queries = [
      '*[_type == "article" && slug.current == "x"][0]',
      '*[_type == "article"] | order(publishedAt desc) [0...10] {_id, title}',
      'count(*[_type == "article"])',
    ]
    const trees = queries.map((query) => pushDown(parse(query), source))
    expect(trees.map(needsDataset)).toEqual([false, false, false])
    expect(recorded).toEqual([
      // A plain field equal to a string is exact: the first match is the first candidate.
      {constraints: {fields: [{path: ['slug', 'current'], values: ['x']}], exact: true, types: ['article']}, order: {limit: 1}},
      {constraints: {fields: [], exact: true, types: ['article']}, order: {path: ['publishedAt'], descending: true, limit: 10}},
    ])
  })

  it('orders by the leading key\'s index: tie-breakers after it, the site\'s newest-first (defined(publishedAt) first), pages further down', () => {
    const hints = [
      '*[_type == "article"] | order(defined(publishedAt) desc, publishedAt desc, _id asc) [0...20]._id',
      '*[_type == "tagged"] | order(n asc, _id desc) [1...3]._id',
      // A defined() of another field than the next key's: no index serves it.
      '*[_type == "article"] | order(defined(publishedAt) desc, title desc) [0...3]._id',
    ].map((query) => {
      recorded.length = 0
      pushDown(parse(query), source)
      return (recorded[0] as {order?: unknown} | undefined)?.order
    })
    expect(hints).toEqual([
      {path: ['publishedAt'], descending: true, limit: 20},
      {path: ['n'], descending: false, limit: 3},
      undefined,
    ])
  })

  it('leaves a filter it cannot narrow on the whole dataset', () => {
    expect(needsDataset(pushDown(parse('*[title match "x"]'), source))).toBe(true)
  })
})
