import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {ArticleDocuments, SourceDocument} from '../../seed/parse/documentTypes.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'
import {renderArticleText} from '../../seed/parse/renderArticleText.ts'
import {sourceId} from '../helpers/seedIds.ts'

const SEED_FILE = 'seed/articles/000_f58be128c4b82355.txt'
const SEED = readFileSync(join(import.meta.dirname, '..', '..', SEED_FILE))
const SLUG = 'north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
const URL = `https://www.forbes.com/sites/roberthart/2022/09/22/${SLUG}/`
const ORIGINAL_SOURCE = sourceId(URL)
// The further-reading line has no URL: its title, folded by hand as the README says (أ as ا, ة as ه), and its publisher.
const READING_SOURCE = sourceId('المخابرات الامريكيه تظهر ان روسيا تشتري اسلحه من كوريا الشماليه|publisher-forbes')

function originalOf({article, related}: ArticleDocuments): SourceDocument | undefined {
  return related.find((doc): doc is SourceDocument => doc._type === 'source' && doc._id === article.originalSource?._ref)
}

describe('the seed article', () => {
  const {documents, warnings} = parseArticleFile(SEED, SEED_FILE)
  const {article} = documents

  test('parses without warnings into an Arabic machine translation of a Forbes article', () => {
    expect(warnings).toEqual([])
    expect(article._id).toBe(`article-ar-${SLUG}`)
    expect(article.title).toBe('كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية')
    expect(article.slug).toEqual({_type: 'slug', current: SLUG})
    expect(article.language).toBe('ar')
    expect(article.translation).toEqual({_type: 'translation', isTranslation: true, fromLanguage: 'en', method: 'machine'})
    expect(article.publishedAt).toBe('2022-09-22T00:00:00.000Z')
    expect(article.publisher).toEqual({_type: 'reference', _ref: 'publisher-forbes'})
    expect(article.authors?.map((a) => a._ref)).toEqual(['person-roberthart'])
  })

  test('sections in reading order, with their headings as printed', () => {
    expect(article.sections.map((s) => [s.kind, s.heading, s.body.length])).toEqual([
      ['topline', 'السطر العلوي', 1],
      ['keyFacts', 'حقائق رئيسية', 4],
      ['keyBackground', 'الخلفية الرئيسية', 1],
      ['bigNumber', 'رقم ضخم', 1],
      ['furtherReading', 'لمزيد من القراءة', 1],
    ])
  })

  test('the big number is 3, printed "3", with its explanation as caption', () => {
    const [item] = article.sections[3]?.body ?? []
    expect(item).toMatchObject({_type: 'bigNumber', value: 3, display: '3'})
    expect(item && 'caption' in item ? item.caption : null).toMatch(/^هذا هو عدد البلدان .* والعديد من الدول الغربية\.$/)
    // No unit, no scale; keys in canonical (sorted) order, as the parser writes every object.
    expect(item && Object.keys(item)).toEqual(['_key', '_type', 'caption', 'display', 'value'])
  })

  test('the further reading line becomes a Forbes source', () => {
    const ref = article.furtherReading?.[0]?._ref
    expect(article.furtherReading).toHaveLength(1)
    expect(documents.related.find((doc) => doc._id === ref)).toEqual({
      _id: READING_SOURCE,
      _type: 'source',
      title: 'المخابرات الأمريكية تظهر أن روسيا تشتري أسلحة من كوريا الشمالية',
      publisher: {_type: 'reference', _ref: 'publisher-forbes'},
      language: 'ar',
    })
  })

  test('the source line gives the original source, its publisher and author', () => {
    expect(originalOf(documents)).toEqual({
      _id: ORIGINAL_SOURCE,
      _type: 'source',
      title: 'North Korea Denies Selling Weapons To Moscow As Russias Isolation Grows',
      url: URL,
      publisher: {_type: 'reference', _ref: 'publisher-forbes'},
      publishedAt: '2022-09-22T00:00:00.000Z',
      language: 'en',
    })
    expect(documents.related.map((doc) => doc._id)).toEqual([
      'publisher-forbes',
      'person-roberthart',
      ORIGINAL_SOURCE,
      READING_SOURCE,
    ])
    expect(documents.related[0]).toEqual({_id: 'publisher-forbes', _type: 'publisher', name: 'Forbes', url: 'https://www.forbes.com', aliases: ['فوربس']})
    expect(documents.related[1]).toEqual({_id: 'person-roberthart', _type: 'person', name: 'roberthart', slug: {_type: 'slug', current: 'roberthart'}})
  })

  test('fidelity: the text rebuilt from the documents is the file', () => {
    expect(renderArticleText(article, originalOf(documents))).toBe(SEED.toString('utf8').replace(/\s+$/, ''))
  })

  test('deterministic: the same bytes give byte-identical documents, ids without dots', () => {
    const again = parseArticleFile(new Uint8Array(SEED), SEED_FILE).documents
    expect(JSON.stringify(again)).toBe(JSON.stringify(documents))
    const ids = [article, ...documents.related].map((doc) => doc._id)
    expect(ids.filter((id) => id.includes('.'))).toEqual([])
    const keys = JSON.stringify(documents).match(/"_key":"[^"]+"/g) ?? []
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('the seed article pointing at its AMP page', () => {
  test('…/<slug>/amp/ gives the same slug, author, date and source title as the article page', () => {
    const amp = `${URL}amp/`
    const {documents} = parseArticleFile(Buffer.from(SEED.toString('utf8').replace(URL, amp)), 'amp.txt')
    expect(documents.article._id).toBe(`article-ar-${SLUG}`)
    expect(documents.article.authors).toEqual([expect.objectContaining({_ref: 'person-roberthart'})])
    expect(originalOf(documents)).toMatchObject({url: amp, title: 'North Korea Denies Selling Weapons To Moscow As Russias Isolation Grows', publishedAt: '2022-09-22T00:00:00.000Z'})
  })

  test('an AMP page elsewhere is named after the segment before `amp`', () => {
    const amp = 'https://www.example.com/news/north-korea-denies/amp'
    const {documents} = parseArticleFile(Buffer.from(SEED.toString('utf8').replace(URL, amp)), 'amp.txt')
    expect(documents.article._id).toBe('article-ar-north-korea-denies')
    expect(originalOf(documents)?.title).toBe('North Korea Denies')
  })
})

describe('a Further Reading publisher written as its site', () => {
  test('"(forbes.com)" is Forbes: the same source and publisher as "(فوربس)"', () => {
    const {documents} = parseArticleFile(Buffer.from(SEED.toString('utf8').replace('(فوربس)', '(www.forbes.com)')), 'host.txt')
    expect(documents.article.furtherReading?.[0]?._ref).toBe(READING_SOURCE)
    expect(documents.related.map((doc) => doc._id)).not.toContain('publisher-www-forbes-com')
  })
})

describe('a title longer than a headline', () => {
  test('is warned about, as the Studio warns: it may be a paragraph taken for the title', () => {
    const long = 'ا'.repeat(130)
    const {warnings} = parseArticleFile(Buffer.from(SEED.toString('utf8').replace(/^.*\n/, `${long}\n`)), 'long.txt')
    expect(warnings.map((w) => w.message)).toEqual([
      'long.txt:1: the title has 130 characters; headlines over 120 are cut off in lists and search results (the Studio warns too): check that the first line is the headline',
    ])
  })
})

describe('a heading with its text on the same line', () => {
  test('is told to put the heading on a line of its own', () => {
    const glued = SEED.toString('utf8').replace('السطر العلوي\n\n', 'السطر العلوي: ')
    expect(() => parseArticleFile(Buffer.from(glued), 'glued.txt')).toThrow(
      'glued.txt:3: the heading "السطر العلوي" and its text are on one line; put the heading on a line of its own, then a blank line, then the text',
    )
  })
})

describe('a section whose first line was taken for a heading', () => {
  test('is said to be empty because of that line, and how to keep it text', () => {
    const text = SEED.toString('utf8').replace(/حقائق رئيسية\n\n[^\n]*\n/, 'حقائق رئيسية\n\nالأسهم تنخفض 3%\n')
    expect(() => parseArticleFile(Buffer.from(text), 'short.txt')).toThrow(
      'short.txt:7: the "حقائق رئيسية" section is empty: its next line, "الأسهم تنخفض 3%", was taken for a heading, as a short line without a period at its end is; end that line with a period, or make it a list item ("• الأسهم تنخفض 3%")',
    )
  })
})
