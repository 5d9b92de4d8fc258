/**
 * Issue 15, restore: references to documents deleted since are left out of a restored draft, as
 * the Studio's restore does (scripts/lib/history/references.ts).
 */
import {describe, expect, it} from 'vitest'
import {referencedIds, withoutMissingReferences} from '../../scripts/lib/history/references.ts'

const doc = {
  _id: 'article-x',
  _type: 'article',
  publisher: {_type: 'reference', _ref: 'publisher-gone'},
  authors: [
    {_key: 'a', _type: 'reference', _ref: 'person-here'},
    {_key: 'b', _type: 'reference', _ref: 'person-gone'},
  ],
  sections: [{_key: 's', body: [{_key: 'n', _type: 'bigNumber', source: {_type: 'reference', _ref: 'source-here'}}]}],
}

describe('restore references', () => {
  it('finds every referenced id', () => {
    expect([...referencedIds(doc)].sort()).toEqual(['person-gone', 'person-here', 'publisher-gone', 'source-here'])
  })

  it('drops references to missing documents from fields and arrays, and names them', () => {
    expect(withoutMissingReferences(doc, new Set(['person-here', 'source-here']))).toEqual({
      doc: {
        _id: 'article-x',
        _type: 'article',
        authors: [{_key: 'a', _type: 'reference', _ref: 'person-here'}],
        sections: [{_key: 's', body: [{_key: 'n', _type: 'bigNumber', source: {_type: 'reference', _ref: 'source-here'}}]}],
      },
      removed: ['publisher-gone', 'person-gone'],
    })
  })
})
