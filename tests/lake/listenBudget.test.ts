/**
 * What anonymous listeners' filters may cost a write (lake/routes/listenBudget.ts), on a clock the
 * test moves: a costly evaluation, the budget per transaction, and filters refused for a while.
 */
import {describe, expect, it} from 'vitest'

import {
  ANONYMOUS_FILTER_BUDGET_MS,
  AnonymousFilterBudget,
  COSTLY_FILTER_BLOCK_MS,
  COSTLY_FILTER_MS,
  filterKey,
} from '../../lake/routes/listenBudget.ts'
import type {Transaction} from '../../lake/types.ts'

const transaction = (id: string): Transaction => ({id, seq: 1, timestamp: '2026-12-07T00:00:00.000Z', author: 'a', mutations: [], changes: []})

function budgetWithClock() {
  let now = 0
  const budget = new AnonymousFilterBudget(() => now)
  /** An evaluation that takes `ms` and answers `value`. */
  const taking = (ms: number, value = 'heard') => () => {
    now += ms
    return value
  }
  return {budget, taking, later: (ms: number) => (now += ms)}
}

describe('the budget of anonymous listeners’ filters', () => {
  it('runs a filter and gives its value; one evaluation past the limit is costly', () => {
    const {budget, taking} = budgetWithClock()
    const tx = transaction('t1')
    expect(budget.run(tx, taking(COSTLY_FILTER_MS))).toEqual({kind: 'ran', value: 'heard'})
    expect(budget.run(tx, taking(COSTLY_FILTER_MS + 1))).toEqual({kind: 'costly'})
  })

  it('stops evaluating for a transaction once its filters took the budget; the next transaction has its own', () => {
    const {budget, taking} = budgetWithClock()
    const tx = transaction('t1')
    let ran = 0
    while (budget.run(tx, taking(COSTLY_FILTER_MS - 1)).kind === 'ran') ran++
    // Each may start while no more than the budget is spent: the last one ends past it.
    expect(ran).toBe(Math.floor(ANONYMOUS_FILTER_BUDGET_MS / (COSTLY_FILTER_MS - 1)) + 1)
    let evaluated = false
    expect(budget.run(tx, () => (evaluated = true))).toEqual({kind: 'over budget'})
    expect(evaluated).toBe(false)
    expect(budget.run(transaction('t2'), taking(1))).toEqual({kind: 'ran', value: 'heard'})
  })

  it('refuses a blocked filter for a while, then takes it again', () => {
    const {budget, later} = budgetWithClock()
    const key = filterKey('*[text match $words]', {words: 'a b'})
    expect(budget.isBlocked(key)).toBe(false)
    budget.block(key)
    expect(budget.isBlocked(key)).toBe(true)
    expect(budget.isBlocked(filterKey('*[text match $words]', {words: 'a'}))).toBe(false)
    later(COSTLY_FILTER_BLOCK_MS)
    expect(budget.isBlocked(key)).toBe(false)
  })
})
