import {describe, expect, test} from 'vitest'
import {contentDiffers} from '../../studio/CorrectionOnPublish.tsx'

const published = {_id: 'a', _type: 'article', _rev: 'r1', _createdAt: 't0', _updatedAt: 't1', title: 'كوريا', language: 'ar'}

describe('contentDiffers', () => {
  test('a draft that only has its own id, revision and times does not differ', () => {
    const draft = {...published, _id: 'drafts.a', _rev: 'r2', _updatedAt: 't2', language: 'ar', title: 'كوريا'}
    expect(contentDiffers(draft, published)).toBe(false)
  })

  test('an edited field differs', () => {
    expect(contentDiffers({...published, _id: 'drafts.a', title: 'كوريا (محدّث)'}, published)).toBe(true)
  })
})
