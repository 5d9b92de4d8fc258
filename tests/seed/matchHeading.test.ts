import {describe, expect, test} from 'vitest'
import {HEADINGS, SECTION_KINDS, matchHeading} from '../../seed/parse/headings.ts'
import {normalizeForMatch} from '../../seed/parse/normalizeForMatch.ts'

describe('headings', () => {
  test.each(SECTION_KINDS.flatMap((kind) => [...HEADINGS[kind].en, ...HEADINGS[kind].ar].map((heading) => ({heading, kind}))))(
    '$heading → $kind',
    ({heading, kind}) => {
      expect(matchHeading(heading)).toBe(kind)
    },
  )

  test.each([
    ['KEY FACTS:', 'keyFacts'],
    ['What We Don’t Know', 'whatWeDontKnow'],
    ['Big number.', 'bigNumber'],
    ['الحقائق الرئيسيه', 'keyFacts'],
    ['إقتباس حاسم', 'crucialQuote'],
    ['الرقم  الكبير', 'bigNumber'],
    ['مَاذَا تُرَاقِب', 'whatToWatchFor'],
    ['ما يجب مراقبتـــه', 'whatToWatchFor'],
    ['مزيد من القراءة:', 'furtherReading'],
    ['على النقيض', 'contra'],
    ['مخالف', 'contra'],
    ['ربط الاخبار', 'newsPeg'],
    ['الحقائق الاساسيه', 'keyFacts'],
    ['قراءة اضافية:', 'furtherReading'],
  ])('variant %s → %s', (heading, kind) => {
    expect(matchHeading(heading)).toBe(kind)
  })

  test.each(['Timeline', 'Key', 'The key facts of the case', 'حقائق'])('%s is not a heading', (line) => {
    expect(matchHeading(line)).toBeNull()
  })
})

describe('normalising for matching', () => {
  test.each([
    ['Key Facts:', 'key facts'],
    ['  KEY — FACTS!! ', 'key facts'],
    ["What We Don't Know", 'what we dont know'],
    ['What We Don’t Know', 'what we dont know'],
    ['الحقائق الرئيسيّة', 'الحقائق الرئيسيه'],
    ['إقتباس', 'اقتباس'],
    ['آخر أخبار', 'اخر اخبار'],
    ['مَاذَا تُرَاقِب', 'ماذا تراقب'],
    ['مراقبتـــه', 'مراقبته'],
    ['على', 'علي'],
    ['ﻻ', 'لا'],
    ['Forbes (فوربس)', 'forbes فوربس'],
    ['$1.2 billion', '1 2 billion'],
  ])('%j → %j', (text, expected) => {
    expect(normalizeForMatch(text)).toBe(expected)
  })
})

describe('headings typed on a Persian keyboard, or with a zero-width space between their words', () => {
  // Taken for unknown headings before: a "custom" section, or no known heading at all.
  test.each([
    ['حقائق رئیسیة', 'keyFacts'],
    ['الخلفیة الرئیسیة', 'keyBackground'],
    ['رقم کبیر', 'bigNumber'],
    ['السطر\u200bالعلوي', 'topline'],
    ['Key\u200bFacts', 'keyFacts'],
  ])('%s', (line, kind) => {
    expect(matchHeading(line)).toBe(kind)
  })
})
