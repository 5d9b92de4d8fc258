/**
 * What anonymous listeners' filters may cost a write. Filters run on the main thread, for every
 * change, and cannot be interrupted: a filter that is linear but large (`text match "z0* … z599*"`
 * on a 2 MB published document: about 300 ms) times 100 anonymous listeners held every client for
 * half a minute per write. Token holders (the Studio, the site's server) are not limited here.
 *
 * - One evaluation past COSTLY_FILTER_MS: that listener gets a `channelError` and is closed, and the
 *   same query and parameters are refused to anonymous listeners for COSTLY_FILTER_BLOCK_MS.
 * - Past ANONYMOUS_FILTER_BUDGET_MS for one transaction, the anonymous listeners not yet served are
 *   closed without evaluating: their clients reconnect (as after any dropped stream) and read again.
 *
 * So a write waits on anonymous filters for at most the budget plus one evaluation.
 */
import type {Transaction} from '../types.ts'

export const COSTLY_FILTER_MS = 50
export const ANONYMOUS_FILTER_BUDGET_MS = 200
export const COSTLY_FILTER_BLOCK_MS = 10 * 60_000
/** Refused filters remembered at most (the oldest is forgotten first). */
const BLOCKED_MAX = 1000

/** How one anonymous listener's filter went for one transaction. */
export type Measured<T> = {kind: 'ran'; value: T} | {kind: 'costly'} | {kind: 'over budget'}

/** One lake's budget: time spent per transaction, and the filters refused for a while. */
export class AnonymousFilterBudget {
  #spent = new WeakMap<Transaction, number>()
  #blocked = new Map<string, number>()
  #now: () => number

  constructor(now: () => number = () => performance.now()) {
    this.#now = now
  }

  /** Runs `evaluate` (a listener's filter over `tx`) unless the transaction's budget is spent. */
  run<T>(tx: Transaction, evaluate: () => T): Measured<T> {
    const spent = this.#spent.get(tx) ?? 0
    if (spent > ANONYMOUS_FILTER_BUDGET_MS) return {kind: 'over budget'}
    const started = this.#now()
    const value = evaluate()
    const took = this.#now() - started
    this.#spent.set(tx, spent + took)
    return took > COSTLY_FILTER_MS ? {kind: 'costly'} : {kind: 'ran', value}
  }

  /** Refuses `key` (a query with its parameters) to anonymous listeners for a while. */
  block(key: string): void {
    this.#blocked.delete(key)
    this.#blocked.set(key, this.#now() + COSTLY_FILTER_BLOCK_MS)
    for (const oldest of this.#blocked.keys()) {
      if (this.#blocked.size <= BLOCKED_MAX) break
      this.#blocked.delete(oldest)
    }
  }

  /** Whether `key` is refused now. */
  isBlocked(key: string): boolean {
    const until = this.#blocked.get(key)
    if (until === undefined) return false
    if (until > this.#now()) return true
    this.#blocked.delete(key)
    return false
  }
}

/** The key of a listener's filter: its query and parameters. */
export function filterKey(query: string, params: Record<string, unknown>): string {
  return `${query}\n${JSON.stringify(params)}`
}
