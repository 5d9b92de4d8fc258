/**
 * `path("a.b") in path("a.*")`: GROQ matches a path against a path pattern (groq-test-suite,
 * operator/in.yml "Path"), but groq-js's `in` only matches a string against one and answers null.
 * A path is made from its string, so before a query runs, `path(X) in path(P)` becomes
 * `X in path(P)`: the same test of the same string (and null still for an X that is no string).
 * Only where both sides are `path()` calls: `path(X) in [...]` compares a path with the array's
 * items, which a string would not be.
 */
import type {ExprNode} from 'groq-js'

/** `tree` with every `path(X) in path(P)` made `X in path(P)`; the tree itself when it has none. */
export function matchPathsAsStrings(tree: ExprNode): ExprNode {
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
  if (result.type === 'OpCall' && result.op === 'in' && isPathCall(result.left) && isPathCall(result.right)) {
    return {...result, left: result.left.args[0]}
  }
  return result
}

function isPathCall(node: unknown): node is {args: [unknown]} {
  if (typeof node !== 'object' || node === null) return false
  const call = node as Record<string, unknown>
  return call.type === 'FuncCall' && call.namespace === 'global' && call.name === 'path' && Array.isArray(call.args) && call.args.length === 1
}
