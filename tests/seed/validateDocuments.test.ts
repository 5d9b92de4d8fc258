import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {ArticleDocuments} from '../../seed/parse/documentTypes.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'
import {validateDocuments} from '../../seed/parse/validateDocuments.ts'

const SEED = join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt')
const ARTICLE = 'article-ar-north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
/** The seed's documents, a fresh deep copy each time, for a test to break. */
const seed = (): ArticleDocuments => structuredClone(parseArticleFile(readFileSync(SEED), SEED).documents)

/** The message validateDocuments throws for the documents `breakIt` damaged. */
function problem(breakIt: (documents: ArticleDocuments) => void): string {
  const documents = seed()
  breakIt(documents)
  try {
    validateDocuments(documents)
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  return 'no problem found'
}

describe('the content-model check of parsed documents (a safety net for parser bugs)', () => {
  test('the seed passes', () => {
    expect(() => validateDocuments(seed())).not.toThrow()
  })

  test.each<[string, (documents: ArticleDocuments) => void, string]>([
    ['a dotted id', (d) => void (d.article._id = 'drafts.x'), 'document drafts.x breaks the content model: _id "drafts.x" must be letters, digits, "-" and "_" only (a dot makes a document private)'],
    ['a section kind', (d) => void ((d.article.sections[1] as {kind: string}).kind = 'sidebar'), `document ${ARTICLE} breaks the content model: sections[1].kind "sidebar" is not a section kind`],
    ['an empty body', (d) => void (d.article.sections[2]!.body = []), `document ${ARTICLE} breaks the content model: sections[2].body is required`],
    [
      'a big number without digits',
      (d) => void ((d.article.sections[3]!.body[0] as {display: string}).display = 'three'),
      `document ${ARTICLE} breaks the content model: sections[3].body[0] needs a finite value, a display with digits and a caption`,
    ],
    ['a block without spans', (d) => void ((d.article.sections[0]!.body[0] as {children: unknown[]}).children = []), `document ${ARTICLE} breaks the content model: sections[0].body[0] needs text spans`],
    ['a dangling reference', (d) => void (d.related = d.related.filter((doc) => doc._type !== 'person')), `document ${ARTICLE} references person-roberthart, which the import does not create`],
  ])('%s is reported with the field that breaks it', (_, breakIt, message) => {
    expect(problem(breakIt)).toBe(`${SEED}: ${message}`)
  })

  test('related documents are checked too: a source URL, a publisher name, a person slug', () => {
    const source = (d: ArticleDocuments) => d.related.find((doc) => doc._type === 'source')!
    expect(problem((d) => void ((source(d) as {url?: string}).url = 'ftp://x'))).toContain('breaks the content model: url must be an http(s) URL')
    expect(problem((d) => void ((d.related.find((doc) => doc._type === 'publisher') as {name: string}).name = ' '))).toContain('breaks the content model: name is required')
    expect(problem((d) => void ((d.related.find((doc) => doc._type === 'person') as {slug: {current: string}}).slug.current = 'Robert Hart'))).toContain(
      'breaks the content model: slug must be lowercase Latin letters, digits and hyphens',
    )
  })
})
