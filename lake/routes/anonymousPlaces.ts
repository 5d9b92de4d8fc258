/**
 * What anonymous callers may hold open at once on one lake (listeners, exports), counted per lake:
 * past the bound a 429 `rateLimitError`, so that no one without a token can hold the lake's
 * connections, memory or read transactions.
 */
import {rateLimitError} from '../errors.ts'
import type {Lake} from '../types.ts'

export class AnonymousPlaces {
  readonly #taken = new WeakMap<Lake, number>()
  readonly #max: number
  readonly #refusal: string

  /** At most `max` places per lake; `refusal` is the 429's description. */
  constructor(max: number, refusal: string) {
    this.#max = max
    this.#refusal = refusal
  }

  /**
   * Takes a place on `lake`.
   * @returns what frees it (only the first call counts)
   * @throws LakeError 429 when all are taken
   */
  take(lake: Lake): () => void {
    const taken = this.#taken.get(lake) ?? 0
    if (taken >= this.#max) throw rateLimitError(this.#refusal)
    this.#taken.set(lake, taken + 1)
    let freed = false
    return () => {
      if (freed) return
      freed = true
      this.#taken.set(lake, (this.#taken.get(lake) ?? 1) - 1)
    }
  }
}
