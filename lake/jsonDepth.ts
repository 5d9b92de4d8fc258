/**
 * A nesting limit for request bodies and `$param` values. JSON.parse accepts any depth, but the code after it
 * (JSON.stringify, groq-js, the mutator) recurses once per level and overflows the stack on
 * deep values: such a body must be refused before anything walks it.
 */
import {LakeError} from './errors.ts'

/**
 * Levels of objects and arrays a request body may nest (the body itself is level 1). Documents
 * nest at most 20 levels (documentLimits.ts); mutations, actions and query parameters wrap them
 * in a few more. Far below the depth where recursion fails.
 */
export const MAX_BODY_DEPTH = 100

/**
 * Refuses a parsed value nested deeper than MAX_BODY_DEPTH; `what` names it in the message
 * (`The request body`, `Parameter "$p"`). Walks without recursion, so any depth is safe to check.
 * @throws LakeError 400 naming the limit.
 */
export function checkJsonDepth(value: unknown, what: string): void {
  const pending: Array<{value: object; depth: number}> = []
  if (typeof value === 'object' && value !== null) pending.push({value, depth: 1})
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.depth > MAX_BODY_DEPTH) {
      throw new LakeError(400, `${what} is nested more than ${MAX_BODY_DEPTH} levels deep; the limit is ${MAX_BODY_DEPTH}`)
    }
    for (const child of Object.values(next.value)) {
      if (typeof child === 'object' && child !== null) pending.push({value: child, depth: next.depth + 1})
    }
  }
}
