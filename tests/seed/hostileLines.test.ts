import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'
import {parseReadingItem} from '../../seed/parse/parseReadingItem.ts'
import {trimEndWhere, trimWhere} from '../../seed/parse/splitLines.ts'

const GOOD = join(import.meta.dirname, 'fixtures', 'good')
const SEED = join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt')
const english = readFileSync(join(GOOD, '001-english-full-vocabulary.txt'), 'utf8')
const arabic = readFileSync(SEED, 'utf8')
/** Long enough that a trim by `/[…]+$/` (quadratic) runs for minutes; the file still fits the size bound. */
const RUN = 60_000

const parse = (text: string) => parseArticleFile(new TextEncoder().encode(text), 'x.txt').documents

describe('lines that are long runs of one character', () => {
  test('a Further Reading line with a long run of dashes inside its title is read in one pass', () => {
    const line = `x${'-'.repeat(RUN)}y (Forbes)`
    const {article, related} = parse(english.replace('Lake Mead Hits Record Low As Drought Worsens (Forbes)', line))
    const titles = related.flatMap((doc) => (doc._type === 'source' ? [doc.title] : []))
    expect(titles).toContain(`x${'-'.repeat(RUN)}y`)
    expect(article.furtherReading).toHaveLength(2)
  })

  test('a line that starts like a source label and goes on after a long run of spaces stays text of the article', () => {
    const line = `المصدر: أ${' '.repeat(RUN)}ب`
    const text = arabic.replace(/\n\n(?=[^\n]*\n*$)/, `\n\n${line}\n\n`)
    const {article} = parse(text)
    const paragraphs = JSON.stringify(article.sections)
    expect(paragraphs).toContain('المصدر: أ')
  })

  test('trimWhere and trimEndWhere take whole characters off the ends only', () => {
    const dash = (char: string) => char === '-' || char === '\u200f'
    expect(trimWhere(`--\u200fa-b-\u200f-`, dash)).toBe('a-b')
    expect(trimEndWhere(`-a${'-'.repeat(5)}`, dash)).toBe('-a')
    expect(trimEndWhere('a😀', (char) => char === '😀')).toBe('a')
    expect(trimWhere('😀a😀', (char) => char === '😀')).toBe('a')
    expect(trimEndWhere('😀', (char) => char === '\ude00')).toBe('😀')
  })
})

describe('source lines and front matter with long runs, read in one pass', () => {
  const url = 'https://www.forbes.com/sites/roberthart/2022/09/22/north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows/'

  test('a source URL followed by a long run of closing parentheses keeps its Forbes author and slug', () => {
    const {article} = parse(arabic.replace(url, `${url}${')'.repeat(RUN)}`))
    expect(article._id).toBe('article-ar-north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows')
  })

  test('a source URL with a long run of spaces inside it is refused as no web address', () => {
    expect(() => parse(arabic.replace(url, `https://x.com/a${' '.repeat(RUN)}b`))).toThrow('is not a web address')
  })

  test('a front matter value with a long run of spaces inside it is refused as no slug', () => {
    expect(() => parse(`---\nslug: a${' '.repeat(RUN)}b\n---\n${arabic}`)).toThrow('may hold only lower-case letters a-z, digits and single hyphens')
  })
})

describe('source addresses with a broken %-escape', () => {
  test('are stored as written; the source title comes from the segment as written', () => {
    const {related} = parse(english.replace(/^Source: .*$/m, 'Source: https://example.com/news/report-100%'))
    const source = related.find((doc) => doc._type === 'source' && doc.url === 'https://example.com/news/report-100%')
    expect(source).toMatchObject({title: 'Report 100'})
  })

  test('an Arabic article takes its slug from the segment as written', () => {
    const text = arabic.replace(/^المصدر: .*$/m, 'المصدر: https://example.com/news/report-%E0%A4%A')
    const {article} = parse(text)
    expect(article.slug.current).toBe('report-e0-a4-a')
  })
})

describe('addresses inside Further Reading lines', () => {
  test.each([
    ['The Korean War https://en.wikipedia.org/wiki/Korea_(disambiguation) (Wikipedia)', 'The Korean War', 'Wikipedia', 'https://en.wikipedia.org/wiki/Korea_(disambiguation)'],
    ['كوريا «https://www.reuters.com/world/x» (رويترز)', 'كوريا', 'رويترز', 'https://www.reuters.com/world/x'],
    ['خبر https://www.reuters.com/world/x۔ (رويترز)', 'خبر', 'رويترز', 'https://www.reuters.com/world/x'],
    ['A (https://www.forbes.com/a) (Forbes)', 'A', 'Forbes', 'https://www.forbes.com/a'],
    ['Title https://x.com/a. (Forbes)', 'Title', 'Forbes', 'https://x.com/a'],
  ])('%s', (text, title, publisherName, url) => {
    expect(parseReadingItem({text, line: 1}, 'x.txt')).toEqual({line: 1, text, title, publisherName, url})
  })
})
