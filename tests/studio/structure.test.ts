import {expect, test} from 'vitest'
import {orderLanguages} from '../../studio/structure.ts'

test('article languages: known ones in list order, unknown ones after, blanks and duplicates dropped', () => {
  expect(orderLanguages(['en', 'xx', 'ar', null, '', 'de', 'ar', 'ab'])).toEqual(['ar', 'en', 'de', 'ab', 'xx'])
})
