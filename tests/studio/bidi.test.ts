import {describe, expect, test} from 'vitest'
import {directionOf, isolate, textDirection} from '../../studio/bidi.ts'
import {article} from '../../schemas/documents/article.ts'
import {source} from '../../schemas/documents/source.ts'
import {articleSection} from '../../schemas/objects/articleSection.ts'
import {bigNumber} from '../../schemas/objects/bigNumber.ts'
import {correction} from '../../schemas/objects/correction.ts'

const RTL = '\u200F\u2067'
const LTR = '\u200E\u2066'
const FSI = '\u2068'
const PDI = '\u2069'

describe('textDirection', () => {
  test.each([
    ['كوريا الشمالية', 'rtl'],
    ['NATO يرفع إنفاقه', 'ltr'],
    ['3.1% من الإنفاق', 'rtl'],
    ['(UN)؟', 'ltr'],
    ['٤٥٪', 'auto'],
    ['', 'auto'],
    ['שלום', 'rtl'],
  ])('%j is %s', (text, direction) => {
    expect(textDirection(text)).toBe(direction)
  })
})

describe('directionOf', () => {
  test('the language wins over the first letter', () => {
    expect(directionOf('NATO يرفع إنفاقه', 'ar')).toBe('rtl')
    expect(directionOf('NATO يرفع إنفاقه', undefined)).toBe('ltr')
    expect(directionOf('حماس (Hamas)', 'en')).toBe('ltr')
  })
})

describe('isolate', () => {
  test.each([
    ['rtl', 'حلف NATO', `${RTL}حلف NATO${PDI}`],
    ['ltr', 'North Korea', `${LTR}North Korea${PDI}`],
    ['auto', '٤٥٪', `${FSI}٤٥٪${PDI}`],
    ['rtl', '', ''],
  ] as const)('%s %j gives %j', (direction, text, isolated) => {
    expect(isolate(text, direction)).toBe(isolated)
  })
})

const NO_ARTICLE = {title: undefined, language: undefined, isTranslation: false, method: undefined, fromLanguage: undefined, publishedAt: undefined}

describe('previews isolate article text in its direction', () => {
  test('article: from its language, even when the title starts with a Latin word', () => {
    const prepared = article.preview?.prepare?.({...NO_ARTICLE, title: 'NATO يرفع إنفاقه 3.1%', language: 'ar'})
    expect(prepared?.title).toBe(`${RTL}NATO يرفع إنفاقه 3.1%${PDI}`)
    expect(article.preview?.prepare?.({...NO_ARTICLE, language: 'ar'})?.title).toBe('Untitled article')
  })

  test('source: title from its language, publisher from its first letter', () => {
    const prepared = source.preview?.prepare?.({title: 'Hamas (حماس)', language: 'en', publisher: 'الجزيرة', url: 'https://x.test/a'})
    expect(prepared).toEqual({title: `${LTR}Hamas (حماس)${PDI}`, subtitle: `${RTL}الجزيرة${PDI}`})
  })

  test('section, big number and correction: from the text itself', () => {
    expect(articleSection.preview?.prepare?.({heading: 'حقائق رئيسية', kind: 'keyFacts'})).toEqual({
      title: `${RTL}حقائق رئيسية${PDI}`,
      subtitle: 'Key facts',
    })
    expect(bigNumber.preview?.prepare?.({display: '٤٥٪', caption: 'من الناخبين'})).toEqual({
      title: `${RTL}٤٥٪${PDI}`,
      subtitle: `${RTL}من الناخبين${PDI}`,
    })
    expect(correction.preview?.prepare?.({date: '2026-12-06', kind: 'correction', text: '"NATO" وليس الأمم المتحدة'})).toEqual({
      title: 'Correction, 2026-12-06',
      subtitle: `${LTR}"NATO" وليس الأمم المتحدة${PDI}`,
    })
  })
})
