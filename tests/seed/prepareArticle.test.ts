import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {buildMutations, serializeMutations} from '../../seed/import/buildMutations.ts'
import {contentFields, hashValue, type StoredDocument} from '../../seed/import/fieldHashes.ts'
import {planArticle} from '../../seed/import/planArticle.ts'
import {prepareArticle} from '../../seed/import/prepareArticle.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const GOOD = join(import.meta.dirname, 'fixtures', 'good')
const FILES = [join(ROOT, 'seed', 'articles', '000_f58be128c4b82355.txt'), ...readdirSync(GOOD).map((name) => join(GOOD, name))]

const prepare = (file: string) => prepareArticle(parseArticleFile(readFileSync(file), file).documents)

describe('preparing an article for the import', () => {
  test.each(FILES)('%s: the hashes are the ones planning compares, for every content field', (file) => {
    const prepared = prepare(file)
    const docs: StoredDocument[] = [...prepared.documents.related, prepared.documents.article]
    for (const doc of docs) {
      const expected = Object.fromEntries(contentFields(doc).flatMap((field) => (doc[field] === undefined ? [] : [[field, hashValue(doc[field])]])))
      expect(prepared.fieldHashes[doc._id]).toEqual(expected)
    }
  })

  test.each(FILES)('%s: the request body made from the prepared JSON says what the mutations say', (file) => {
    const prepared = prepare(file)
    const mutations = buildMutations(planArticle(prepared, new Map(), {replace: false, skip: new Set()}), '2026-01-01T00:00:00.000Z')
    expect(mutations.every((mutation) => 'create' in mutation)).toBe(true)
    const body = serializeMutations(mutations, prepared.createJson)
    expect(body).not.toBe(JSON.stringify(mutations))
    expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(mutations)))
  })

  test('mutations other than creates are serialised as they are', () => {
    const mutations = [{patch: {id: 'a', set: {title: 'x'}}}, {create: {_id: 'unknown-to-prepare', _type: 't'}}]
    expect(serializeMutations(mutations, {})).toBe(JSON.stringify(mutations))
  })

  test('a shared document written differently gets another claim hash', () => {
    const prepared = prepare(FILES[0]!)
    const source = prepared.documents.related.find((doc) => doc._type === 'source')!
    const changed = prepareArticle({...prepared.documents, related: prepared.documents.related.map((doc) => (doc === source ? {...doc, title: `${doc.title}!`} : doc))})
    expect(changed.claimHashes[source._id]).not.toBe(prepared.claimHashes[source._id])
    const other = prepared.documents.related.find((doc) => doc !== source)!
    expect(changed.claimHashes[other._id]).toBe(prepared.claimHashes[other._id])
  })
})
