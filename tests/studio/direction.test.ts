import {describe, expect, test} from 'vitest'
import {directionFor} from '../../studio/direction.ts'

describe('directionFor', () => {
  test.each([
    ['ar', 'rtl'],
    ['fa', 'rtl'],
    ['he', 'rtl'],
    ['ur', 'rtl'],
    ['ar-EG', 'rtl'],
    ['AR', 'rtl'],
    ['en', 'ltr'],
    ['en-GB', 'ltr'],
    ['fr', 'ltr'],
    ['es', 'ltr'],
    ['de', 'ltr'],
    ['tr', 'ltr'],
    ['pt-BR', 'ltr'],
    ['', 'auto'],
    ['xx', 'auto'],
    [undefined, 'auto'],
    [null, 'auto'],
    [42, 'auto'],
  ])('%j is %s', (language, direction) => {
    expect(directionFor(language)).toBe(direction)
  })
})
