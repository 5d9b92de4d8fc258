/**
 * Issue 15, history: what changed, in an editor's words (scripts/lib/history/describe.ts and
 * revisions.ts), table by table.
 */
import {describe, expect, it} from 'vitest'
import {describeChanges} from '../../scripts/lib/history/describe.ts'
import {describeTransaction, formatRevisionRows, type DocumentChange} from '../../scripts/lib/history/revisions.ts'

const block = (key: string, text: string): Record<string, unknown> => ({_key: key, _type: 'block', style: 'normal', children: [{_key: `${key}s`, _type: 'span', text, marks: []}], markDefs: []})
const big = (display: string, value: number, caption = 'countries'): Record<string, unknown> => ({_key: 'n1', _type: 'bigNumber', display, value, caption})
const article = (over: Record<string, unknown> = {}) => ({
  _id: 'article-en-x',
  _type: 'article',
  _rev: 'r1',
  title: 'North Korea denies',
  sections: [
    {_key: 's1', kind: 'topline', heading: 'Topline', body: [block('b1', 'North Korea denied it.')]},
    {_key: 's2', kind: 'keyFacts', heading: 'Key Facts', body: [block('b2', 'One.'), block('b3', 'Two.')]},
    {_key: 's3', kind: 'bigNumber', heading: 'Big Number', body: [big('3', 3)]},
  ],
  ...over,
})
const sections = (edit: (s: ReturnType<typeof article>['sections']) => void) => {
  const copy = structuredClone(article().sections)
  edit(copy)
  return copy
}

describe('describeChanges', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['nothing but system fields', {_rev: 'r2', _updatedAt: 'now'}, []],
    ['the title', {title: 'North Korea denies selling'}, ['Title edited']],
    ['a paragraph', {sections: sections((s) => (s[1]!.body[1] = block('b3', 'Two, now three.')))}, ['Key Facts, paragraph 2 edited']],
    ['a new paragraph', {sections: sections((s) => s[1]!.body.push(block('b9', 'Three.')))}, ['Key Facts, paragraph 3 added']],
    ['a removed paragraph', {sections: sections((s) => s[1]!.body.shift())}, ['Key Facts, paragraph 1 removed']],
    ['the big number', {sections: sections((s) => (s[2]!.body[0] = big('4', 4)))}, ['big number 3 → 4']],
    ['its caption', {sections: sections((s) => (s[2]!.body[0] = big('3', 3, 'states')))}, ['big number caption edited']],
    ['a heading', {sections: sections((s) => (s[0]!.heading = 'Top line'))}, ['Topline heading edited']],
    ['a removed section', {sections: sections((s) => s.splice(2, 1))}, ['Big Number section removed']],
    ['the section order', {sections: sections((s) => s.reverse())}, ['sections reordered']],
    ['a correction', {corrections: [{_key: 'c1', _type: 'correction', kind: 'correction', text: 'Fixed the date.'}]}, ['correction added']],
    ['a clarification', {corrections: [{_key: 'c1', _type: 'correction', kind: 'clarification', text: 'x'}]}, ['clarification added']],
    ['authors', {authors: [{_key: 'a', _type: 'reference', _ref: 'person-x'}]}, ['Authors added']],
    ['a date', {publishedAt: '2024-01-01T00:00:00Z'}, ['Published at added']],
  ]
  it.each(cases)('describes %s', (_name, change, expected) => {
    expect(describeChanges(article(), article(change))).toEqual(expected)
  })

  it('names corrections by position when edited and removed', () => {
    const c = (text: string) => ({_key: 'c1', _type: 'correction', kind: 'correction', text})
    expect(describeChanges(article({corrections: [c('a')]}), article({corrections: [c('b')]}))).toEqual(['correction 1 edited'])
    expect(describeChanges(article({corrections: [c('a')]}), article({corrections: []}))).toEqual(['correction removed'])
  })
})

describe('describeTransaction', () => {
  const tx = (changes: DocumentChange[], publishedBefore: Record<string, unknown> | null = null) =>
    describeTransaction({transactionId: 't1', timestamp: '2026-12-06T10:00:00.000Z', author: 'editor', publishedBefore, changes}).summary
  const draft = (over: Record<string, unknown> = {}) => ({...article(over), _id: 'drafts.article-en-x'})
  const cases: Array<[string, DocumentChange[], Record<string, unknown> | null, string[]]> = [
    ['a first publish', [{id: 'article-en-x', before: null, after: article()}], null, ['published']],
    [
      'a publish of an edited draft',
      [
        {id: 'article-en-x', before: article(), after: article({title: 'New'})},
        {id: 'drafts.article-en-x', before: draft({title: 'New'}), after: null},
      ],
      article(),
      ['published from the draft', 'Title edited'],
    ],
    ['a new draft', [{id: 'drafts.article-en-x', before: null, after: draft({title: 'New'})}], article(), ['draft created', 'Title edited']],
    ['a new document\'s first draft', [{id: 'drafts.article-en-x', before: null, after: draft()}], null, ['draft created']],
    ['a draft edit', [{id: 'drafts.article-en-x', before: draft(), after: draft({title: 'New'})}], article(), ['Title edited']],
    ['a discarded draft', [{id: 'drafts.article-en-x', before: draft(), after: null}], article(), ['draft discarded']],
    [
      'an unpublish',
      [
        {id: 'article-en-x', before: article(), after: null},
        {id: 'drafts.article-en-x', before: null, after: draft()},
      ],
      article(),
      ['unpublished (kept as draft)'],
    ],
    ['a delete', [{id: 'article-en-x', before: article(), after: null}], article(), ['deleted']],
    ['a release version', [{id: 'versions.rSpring.article-en-x', before: null, after: article({title: 'Spring'})}], article(), ['added to release rSpring', 'Title edited']],
    [
      'a release publish',
      [
        {id: 'article-en-x', before: article(), after: article({title: 'Spring'})},
        {id: 'versions.rSpring.article-en-x', before: article({title: 'Spring'}), after: null},
      ],
      article(),
      ['published from the release rSpring', 'Title edited'],
    ],
    ['a save with no visible change', [{id: 'drafts.article-en-x', before: draft(), after: draft({_rev: 'r9'})}], article(), ['saved, nothing an editor sees changed']],
  ]
  it.each(cases)('describes %s', (_name, changes, publishedBefore, expected) => {
    expect(tx(changes, publishedBefore)).toEqual(expected)
  })

  it('prints an aligned table', () => {
    const row = describeTransaction({
      transactionId: 'tx1',
      timestamp: '2026-12-06T10:00:00.000Z',
      author: 'local-editor',
      publishedBefore: article(),
      changes: [{id: 'drafts.article-en-x', before: null, after: {...article({sections: sections((s) => (s[2]!.body[0] = big('4', 4)))}), _id: 'drafts.article-en-x'}}],
    })
    expect(formatRevisionRows([row]).split('\n')).toEqual([
      'revision  time (UTC)           author        document  what changed',
      'tx1       2026-12-06 10:00:00  local-editor  draft     draft created; big number 3 → 4',
    ])
  })
})
