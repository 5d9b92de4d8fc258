/**
 * Where groq-js answers differently from GROQ as the hosted Content Lake runs it (the cases
 * groq-test-suite finds), the lake rewrites the parsed tree before groq-js evaluates it, so every
 * evaluator (worker, main thread, chunked filters, delete/patch by query, listen filters) gets the
 * hosted answer:
 * - `path("a.b") in path("a.*")` matches a path against a path pattern (operator/in.yml "Path"),
 *   but groq-js's `in` only matches a string against one and answers null. A path is made from
 *   its string, so `path(X) in path(P)` becomes `X in path(P)`: the same test of the same string
 *   (and null still for an X that is no string). Only where both sides are `path()` calls:
 *   `path(X) in [...]` compares a path with the array's items, which a string would not be.
 * - `array::unique()` keeps one null, as it keeps one of any other repeated scalar
 *   (function/array-unique.yml), but groq-js keeps every null. Each null goes in as a string no
 *   document holds and comes back out as null, at the place of the first one.
 */
import {randomUUID} from 'node:crypto'
import type {ExprNode} from 'groq-js'

/**
 * Stands for null inside `array::unique()`: unguessable, so no value a query meets equals it
 * (a new one per process; each tree is evaluated where it was rewritten).
 */
const NULL_STAND_IN = `\u0000lake:null:${randomUUID()}`

/** `tree` rewritten where groq-js answers differently from the hosted lake; the tree itself when nothing is. */
export function asHostedGroq(tree: ExprNode): ExprNode {
  return rewrite(tree) as ExprNode
}

function rewrite(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node
  if (Array.isArray(node)) {
    const items = node.map(rewrite)
    return items.some((item, i) => item !== node[i]) ? items : node
  }
  const record = node as Record<string, unknown>
  // Values are data, not syntax: nothing inside one is a call.
  if (record.type === 'Value') return node
  let changed: Record<string, unknown> | null = null
  for (const [key, value] of Object.entries(record)) {
    const next = rewrite(value)
    if (next !== value) (changed ??= {...record})[key] = next
  }
  const result = changed ?? record
  if (result.type === 'OpCall' && result.op === 'in' && isCall(result.left, 'global', 'path') && isCall(result.right, 'global', 'path')) {
    return {...result, left: result.left.args[0]}
  }
  if (isCall(result, 'array', 'unique')) return uniqueWithOneNull(result)
  return result
}

/** `array::unique(X)` as `array::unique(X[] => coalesce(@, S))[] => select(@ == S => null, @)`. */
function uniqueWithOneNull(call: {args: [unknown]}): Record<string, unknown> {
  const standIn = {type: 'Value', value: NULL_STAND_IN}
  const nullsStoodIn = {type: 'Map', base: call.args[0], expr: {type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [{type: 'This'}, standIn]}}
  return {
    type: 'Map',
    base: {...call, args: [nullsStoodIn]},
    expr: {
      type: 'Select',
      alternatives: [{type: 'SelectAlternative', condition: {type: 'OpCall', op: '==', left: {type: 'This'}, right: standIn}, value: {type: 'Value', value: null}}],
      fallback: {type: 'This'},
    },
  }
}

function isCall(node: unknown, namespace: string, name: string): node is {args: [unknown]} {
  if (typeof node !== 'object' || node === null) return false
  const call = node as Record<string, unknown>
  return call.type === 'FuncCall' && call.namespace === namespace && call.name === name && Array.isArray(call.args) && call.args.length === 1
}
