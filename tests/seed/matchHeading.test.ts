import {describe, expect, test} from 'vitest'
import {HEADINGS, SECTION_KINDS, matchHeading} from '../../seed/parse/headings.ts'

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
  ])('variant %s → %s', (heading, kind) => {
    expect(matchHeading(heading)).toBe(kind)
  })

  test.each(['Timeline', 'Key', 'The key facts of the case', 'حقائق'])('%s is not a heading', (line) => {
    expect(matchHeading(line)).toBeNull()
  })
})
