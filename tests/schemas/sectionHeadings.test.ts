import {describe, expect, test} from 'vitest'
import {defaultHeading, headingForKind} from '../../schemas/sectionHeadings.ts'

describe('defaultHeading', () => {
  test.each([
    ['keyFacts', 'ar', 'حقائق رئيسية'],
    ['keyFacts', 'ar-EG', 'حقائق رئيسية'],
    ['keyFacts', 'en', 'Key Facts'],
    ['bigNumber', 'ar', 'رقم ضخم'],
    ['topline', 'ar', 'السطر العلوي'],
    ['furtherReading', 'en', 'Further Reading'],
    ['custom', 'ar', undefined],
    ['keyFacts', 'fr', undefined],
    ['keyFacts', undefined, undefined],
    [undefined, 'ar', undefined],
  ])('%s in %s is %j', (kind, language, heading) => {
    expect(defaultHeading(kind, language)).toBe(heading)
  })
})

describe('headingForKind', () => {
  test.each([
    {name: 'an empty heading is filled', current: undefined, kind: 'keyFacts', language: 'ar', heading: 'حقائق رئيسية'},
    {name: 'a blank heading is filled', current: '  ', kind: 'contra', language: 'en', heading: 'Contra'},
    {name: 'another kind’s heading is replaced', current: 'حقائق رئيسية', kind: 'bigNumber', language: 'ar', heading: 'رقم ضخم'},
    {name: 'a variant spelling is replaced', current: 'الرقم الكبير', kind: 'keyFacts', language: 'ar', heading: 'حقائق رئيسية'},
    {name: 'the same heading is left', current: 'Key Facts', kind: 'keyFacts', language: 'en', heading: undefined},
    {name: 'a heading the editor wrote is kept', current: 'ما قاله الكرملين', kind: 'crucialQuote', language: 'ar', heading: undefined},
    {name: 'custom leaves the heading', current: 'حقائق رئيسية', kind: 'custom', language: 'ar', heading: undefined},
  ])('$name', ({current, kind, language, heading}) => {
    expect(headingForKind(current, kind, language)).toBe(heading)
  })
})
