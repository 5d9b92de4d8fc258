import {describe, expect, test} from 'vitest'
import {correction, today} from '../../schemas/objects/correction.ts'

describe('correction', () => {
  test('today is the local calendar day', () => {
    expect(today(new Date(2026, 11, 6, 23, 59))).toBe('2026-12-06')
    expect(today(new Date(2027, 0, 1, 0, 0))).toBe('2027-01-01')
  })

  test('a new correction is dated today', async () => {
    const date = correction.fields.find((field) => field.name === 'date')
    const initialValue = date && 'initialValue' in date ? date.initialValue : undefined
    // The resolver ignores its parameters and context; an empty context stands in for the Studio's.
    expect(typeof initialValue === 'function' ? await initialValue(undefined, {} as never) : initialValue).toBe(today())
  })
})
