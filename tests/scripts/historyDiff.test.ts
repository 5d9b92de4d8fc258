/**
 * Issue 15, history diff: field by field, Portable Text as text, changed words marked, and
 * right-to-left text kept whole in a right-to-left isolate (scripts/lib/history/diff.ts).
 */
import {describe, expect, it} from 'vitest'
import {diffDocuments} from '../../scripts/lib/history/diff.ts'
import {markWordChanges} from '../../scripts/lib/history/wordDiff.ts'

const block = (key: string, text: string) => ({_key: key, _type: 'block', children: [{_key: `${key}s`, _type: 'span', text}], markDefs: []})
const arabic = (paragraph: string, over: Record<string, unknown> = {}) => ({
  _id: 'article-ar-x',
  _type: 'article',
  title: 'كوريا الشمالية تنفي',
  sections: [
    {_key: 's1', kind: 'keyFacts', heading: 'حقائق رئيسية', body: [block('b1', 'نفت كوريا الشمالية يوم الخميس'), block('b2', paragraph)]},
    {_key: 's2', kind: 'bigNumber', heading: 'رقم ضخم', body: [{_key: 'n', _type: 'bigNumber', display: '3', value: 3, caption: 'دول'}]},
  ],
  ...over,
})

describe('markWordChanges', () => {
  const cases: Array<[string, string, string]> = [
    ['the cat sat', 'the dog sat', 'the [-cat-]{+dog+} sat'],
    ['one two', 'one two three', 'one two {+three+}'],
    ['one two three', 'one three', 'one [-two-] three'],
    ['same', 'same', 'same'],
  ]
  it.each(cases)('%s → %s', (before, after, expected) => {
    expect(markWordChanges(before, after)).toBe(expected)
  })

  it('colours instead of brackets when asked', () => {
    expect(markWordChanges('a b', 'a c', {color: true})).toBe('a \u001b[31mb\u001b[0m\u001b[32mc\u001b[0m')
  })
})

describe('diffDocuments', () => {
  it('shows an edited Arabic paragraph as text, the changed word marked, in a right-to-left isolate on its own line', () => {
    const lines = diffDocuments(arabic('وأضاف المسؤول أن واشنطن يجب أن تتوقف'), arabic('وأضاف المسؤول أن موسكو يجب أن تتوقف'))
    expect(lines).toEqual([
      'Key Facts:',
      '  paragraph 2:',
      '    \u2067وأضاف المسؤول أن [-واشنطن-]{+موسكو+} يجب أن تتوقف\u2069',
    ])
  })

  it('shows titles, big numbers and added paragraphs field by field', () => {
    const before = arabic('نص')
    const after = arabic('نص', {
      title: 'كوريا الشمالية تنفي بيع أسلحة',
      sections: [
        {...before.sections[0], body: [...before.sections[0]!.body, block('b3', 'فقرة جديدة')]},
        {_key: 's2', kind: 'bigNumber', heading: 'رقم ضخم', body: [{_key: 'n', _type: 'bigNumber', display: '4', value: 4, caption: 'دول'}]},
      ],
    })
    expect(diffDocuments(before, after)).toEqual([
      'Title:',
      '    \u2067كوريا الشمالية تنفي {+بيع أسلحة+}\u2069',
      'Key Facts:',
      '  paragraph 3 (added):',
      '    \u2067{+فقرة جديدة+}\u2069',
      'Big Number:',
      '  Big number:',
      '    [-3-]{+4+}',
    ])
  })

  it('leaves left-to-right text as it is and says nothing when nothing an editor sees changed', () => {
    expect(diffDocuments({_id: 'a', _type: 't', title: 'Old news'}, {_id: 'a', _type: 't', title: 'New news'})).toEqual(['Title:', '    [-Old-]{+New+} news'])
    expect(diffDocuments(arabic('x'), {...arabic('x'), _rev: 'other'})).toEqual([])
  })
})
