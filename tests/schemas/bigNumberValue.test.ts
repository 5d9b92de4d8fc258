import {describe, expect, test} from 'vitest'
import {displayedNumber, hasEasternDigits, valueMismatch, westernNumberText} from '../../schemas/bigNumberValue.ts'

describe('westernNumberText', () => {
  test.each([
    ['٤', '4'],
    ['٤٥', '45'],
    ['۱۲', '12'],
    ['١٫٥', '1.5'],
    ['١٬٢٠٠', '1,200'],
    ['3.1', '3.1'],
  ])('%j gives %j', (typed, western) => {
    expect(westernNumberText(typed)).toBe(western)
  })

  test('only Arabic-script digits and separators need converting', () => {
    expect([hasEasternDigits('٤'), hasEasternDigits('۷'), hasEasternDigits('٫'), hasEasternDigits('3.1')]).toEqual([true, true, true, false])
  })
})

describe('displayedNumber', () => {
  test.each([
    ['3', 3],
    ['٤', 4],
    ['٤٥٪', 45],
    ['$1.2 billion', 1.2],
    ['1,200', 1200],
    ['١٬٢٠٠ دولار', 1200],
    ['٣٫١٪', 3.1],
    ['-3.5%', -3.5],
    ['\u200f−$2 billion', -2],
    ['1 in 4', 1],
    ['نحو ثلاثة', undefined],
    [undefined, undefined],
  ])('%j shows %j', (display, number) => {
    expect(displayedNumber(display)).toBe(number)
  })
})

describe('valueMismatch', () => {
  test('warns when display and value disagree, in words an editor acts on', () => {
    expect(valueMismatch('٤', 3)).toBe('The display shows 4 but the value is 3: make them the same number.')
  })

  test.each([
    ['٤', 4, undefined],
    ['$1.2 billion', 1.2, 'billion'],
    ['300,000', 300, 'thousand'],
    ['300,000', 300000, 'thousand'],
    ['٤٥٪', undefined, undefined],
    ['-3.5%', -3.5, undefined],
    ['نحو ثلاثة', 3, undefined],
  ])('%j with %j (scale %s) is fine', (display, value, scale) => {
    expect(valueMismatch(display, value, scale)).toBeUndefined()
  })
})
