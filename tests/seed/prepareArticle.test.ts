import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {buildMutations, countMutations, mutationsJson, transactionBody} from '../../seed/import/buildMutations.ts'
import {canonicalJson, contentFields, hashValue, type StoredDocument} from '../../seed/import/fieldHashes.ts'
import {planArticle} from '../../seed/import/planArticle.ts'
import {planDocument} from '../../seed/import/planDocument.ts'
import {documentsOf, prepareArticle, withPublishers, type PreparedArticle} from '../../seed/import/prepareArticle.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const GOOD = join(import.meta.dirname, 'fixtures', 'good')
const FILES = [join(ROOT, 'seed', 'articles', '000_f58be128c4b82355.txt'), ...readdirSync(GOOD).map((name) => join(GOOD, name))]
const T = '2026-01-01T00:00:00.000Z'

const prepare = (file: string): PreparedArticle => {
  const bytes = readFileSync(file)
  return prepareArticle(parseArticleFile(bytes, file).documents, bytes.byteLength)
}
const all = documentsOf
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value))
/** A copy with every object's keys sorted. */
const sorted = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(sorted)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted((value as Record<string, unknown>)[key])]))
}

describe('canonical JSON', () => {
  test('sorts the keys of every object, at every depth, and leaves out undefined values', () => {
    const value = {b: 1, a: {d: [{y: 1, x: [2, {'ب': 'عربي', 'ا': null}]}], c: undefined}, _type: 't', _key: 'k', 10: 'ten', 9: 'nine'}
    const expected = '{"10":"ten","9":"nine","_key":"k","_type":"t","a":{"d":[{"x":[2,{"ا":null,"ب":"عربي"}],"y":1}]},"b":1}'
    expect(canonicalJson(value)).toBe(expected)
    expect(canonicalJson(sorted(value))).toBe(expected)
    expect(canonicalJson(JSON.parse(expected))).toBe(expected)
    expect([canonicalJson([undefined, 'x']), canonicalJson(undefined), canonicalJson('s')]).toEqual(['[null,"x"]', 'null', '"s"'])
  })

  test.each(FILES)('%s: the parser writes every object with its keys in order, so hashing takes the fast path', (file) => {
    const {documents} = parseArticleFile(readFileSync(file), file)
    const docs: StoredDocument[] = [...documents.related, documents.article]
    for (const doc of docs) {
      for (const field of contentFields(doc)) expect(JSON.stringify(doc[field]), `${doc._id}.${field}`).toBe(JSON.stringify(sorted(doc[field])))
    }
  })
})

describe('preparing an article for the import', () => {
  test.each(FILES)('%s: the hashes are the ones planning compares, for every content field', (file) => {
    const prepared = prepare(file)
    expect(prepared.hashes).toHaveLength(all(prepared).length)
    for (const [index, doc] of all(prepared).entries()) {
      const expected = Object.fromEntries(contentFields(doc).flatMap((field) => (doc[field] === undefined ? [] : [[field, hashValue(doc[field])]])))
      expect(prepared.hashes[index]?.fields).toEqual(expected)
    }
  })

  test.each(FILES)('%s: the prepared article holds the parsed documents as they are, and the size of its file', (file) => {
    const bytes = readFileSync(file)
    const {documents} = parseArticleFile(bytes, file)
    const prepared = prepare(file)
    expect(prepared.documents).toEqual(documents)
    expect(prepared.fileBytes).toBe(bytes.byteLength)
    expect(structuredClone(prepared)).toEqual(prepared)
  })

  test('an article naming a publisher the dataset knows under another id is prepared again, pointed at it', () => {
    const prepared = prepare(FILES[0]!)
    expect(withPublishers(prepared, new Map([['forbes', 'publisher-forbes']]))).toBe(prepared)
    const repointed = withPublishers(prepared, new Map([['forbes', 'publisher-forbes-media']]))
    expect(all(repointed).map((doc) => doc._id)).not.toContain('publisher-forbes')
    expect(repointed.hashes).toHaveLength(all(repointed).length)
    const {article, related} = repointed.documents
    expect(article.publisher?._ref).toBe('publisher-forbes-media')
    expect(related.filter((doc) => doc._type === 'source').every((doc) => doc.publisher?._ref !== 'publisher-forbes')).toBe(true)
  })

  test.each(FILES)('%s: a new article is planned from the prepared fields exactly as planDocument plans it', (file) => {
    const prepared = prepare(file)
    const plan = planArticle(prepared, new Map(), {replace: false, skip: new Set()})
    const expected = all(prepared).map((doc, i) => planDocument(doc, null, null, false, prepared.hashes[i]!.fields))
    expect(plain(plan.documents)).toEqual(plain(expected))
  })

  test.each(FILES)('%s: the request body says what the mutations say', (file) => {
    const prepared = prepare(file)
    const plan = planArticle(prepared, new Map(), {replace: false, skip: new Set()})
    const mutations = buildMutations(plan, T)
    expect(mutations.every((mutation) => 'create' in mutation)).toBe(true)
    expect(countMutations(plan)).toBe(mutations.length)
    const body = transactionBody([mutationsJson(buildMutations(plan, T)).bytes]).toString()
    expect(JSON.parse(body)).toEqual({mutations: plain(mutations)})
  })

  test('updates are planned from the documents and serialised as built', () => {
    const prepared = prepare(FILES[0]!)
    const article = all(prepared).at(-1)!
    // As the seed imported an older text: its hashes say the title was not edited since.
    const older: StoredDocument = {...article, title: 'an older title'}
    const hashes = Object.fromEntries(contentFields(older).map((field) => [field, hashValue(older[field])]))
    const published = {...older, _rev: 'r1', seedImport: {_type: 'seedImport', file: FILES[0], importedAt: T, fieldHashes: JSON.stringify(hashes)}}
    const plan = planArticle(prepared, new Map([[article._id, published]]), {replace: false, skip: new Set()})
    const mutations = buildMutations(plan, T)
    expect(plan.documents.at(-1)).toMatchObject({action: 'update', set: {title: article.title}})
    expect(countMutations(plan)).toBe(mutations.length)
    const body = transactionBody([mutationsJson(buildMutations(plan, T)).bytes]).toString()
    expect(JSON.parse(body)).toEqual({mutations: plain(mutations)})
    expect(body).toContain(JSON.stringify(mutations.at(-1)))
  })

  test('a shared document written differently gets another claim hash; the article has none', () => {
    const {documents} = prepare(FILES[0]!)
    const source = documents.related.find((doc) => doc._type === 'source')!
    const before = prepareArticle(documents, 0)
    const after = prepareArticle({...documents, related: documents.related.map((doc) => (doc === source ? {...doc, title: `${doc.title}!`} : doc))}, 0)
    const claim = (prepared: PreparedArticle, id: string) => prepared.hashes[all(prepared).findIndex((doc) => doc._id === id)]?.claim
    expect(claim(after, source._id)).not.toBe(claim(before, source._id))
    const other = documents.related.find((doc) => doc !== source)!
    expect(claim(after, other._id)).toBe(claim(before, other._id))
    expect(before.hashes.at(-1)?.claim).toBeUndefined()
  })
})
