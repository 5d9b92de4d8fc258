/**
 * Evaluates independent subqueries once per query. groq-js evaluates `*[_id in *[...]._id]`'s
 * inner query again for every outer document, so nesting ten of them costs n^10 evaluations
 * (groq-test-suite's "documents, nested 3"). A subtree that reads neither `@`, nor `^`, nor any
 * other part of the scope it runs in gives the same value wherever it runs; it is replaced by a
 * lookup that evaluates it on first use (lazily, so an unreached subquery still costs nothing and
 * cannot fail) and reuses the value afterwards.
 *
 * groq-js has no hook for this, except `dereference`: the subtree becomes `{_ref: key}->v`, and
 * the query's `dereference` answers keys it recognises with `{v: value}` (a wrapper, because the
 * sync evaluator refuses a dereferenced value that has a `then` key).
 */
import {randomUUID} from 'node:crypto'
import type {ExprNode} from 'groq-js'

type Node = ExprNode & Record<string, unknown>

/** Where a node runs: the scope the analysed tree runs in (`outer`) or one created inside it. */
type Scope = {outer: true} | {outer: false; parent: Scope; hidden: boolean}

/** A tree whose independent subqueries read their value from `resolve`. */
export interface MemoisedTree {
  tree: ExprNode
  /** The value of a memo reference (`{v}`), or undefined for any other `_ref`. */
  resolve(ref: string): {v: unknown} | undefined
}

/** Functions that read the current document without naming it (`references("x")` reads `@`). */
const READS_SCOPE = new Set(['global::references', 'sanity::versionOf', 'sanity::partOfRelease'])

/**
 * Rewrites `tree` so that each independent subquery below an iteration is evaluated at most once,
 * by `evaluate` (which must evaluate a tree like the whole query, with the same `dereference`).
 */
export function memoise(tree: ExprNode, evaluate: (tree: ExprNode) => unknown): MemoisedTree {
  const prefix = `\u0000memo:${randomUUID()}:`
  const subtrees: ExprNode[] = []
  const values = new Map<number, {v: unknown}>()
  // A cached subtree is evaluated as a query of its own: its inner iterations are cached too.
  const register = (node: Node): Node => {
    subtrees.push(rewrite(node, {outer: true}, register) as ExprNode)
    return reference(prefix + (subtrees.length - 1))
  }
  const rewritten = rewrite(tree as Node, {outer: true}, register)
  return {
    tree: rewritten as ExprNode,
    resolve(ref) {
      if (!ref.startsWith(prefix)) return undefined
      const index = Number(ref.slice(prefix.length))
      let value = values.get(index)
      if (!value) {
        const subtree = subtrees[index]
        if (!subtree) return undefined
        value = {v: evaluate(subtree)}
        values.set(index, value)
      }
      return value
    },
  }
}

function reference(key: string): Node {
  const node: ExprNode = {type: 'AccessAttribute', base: {type: 'Deref', base: {type: 'Value', value: {_ref: key}}}, name: 'v'}
  return node as Node
}

/**
 * Replaces each maximal subtree that runs inside an iteration (not in the tree's own scope),
 * is independent of every scope outside itself and is worth caching, by `replace(subtree)`.
 */
function rewrite(node: Node, scope: Scope, replace: (node: Node) => Node): Node {
  if (!scope.outer && !STRUCTURAL.has(node.type) && worthCaching(node) && independent(node)) return replace(node)
  // score() reads the shape of its arguments (`match`, `boost`, `&&`, `||`), not only their values.
  if (node.type === 'PipeFuncCall' && node.name === 'score') return {...node, base: rewrite(node.base as Node, scope, replace)}
  return mapChildren(node, scope, (child, childScope) => rewrite(child, childScope, replace))
}

/**
 * Nodes their parent reads as syntax (`order(x desc)` reads the `Desc` node): kept, their insides
 * cached. (An independent order key is the same for every element, so this is for clarity.)
 */
const STRUCTURAL = new Set(['Asc', 'Desc'])

/** True when `node` reads no scope it did not create itself. */
function independent(node: Node): boolean {
  return !readsOuter(node, {outer: true})
}

function readsOuter(node: Node, scope: Scope): boolean {
  switch (node.type) {
    case 'This':
      return scope.outer
    case 'Parent':
      return reachesOuter(scope, node.n as number)
    case 'AccessAttribute':
      if (!node.base && scope.outer) return true
      break
    case 'FuncCall': {
      const name = `${node.namespace as string}::${node.name as string}`
      if (node.namespace === 'diff' || node.namespace === 'delta') return true
      if (READS_SCOPE.has(name) && scope.outer) return true
      break
    }
    case 'SelectorNested':
    case 'SelectorFuncCall':
      return true
  }
  let found = false
  mapChildren(node, scope, (child, childScope) => {
    if (!found && readsOuter(child, childScope)) found = true
    return child
  })
  return found
}

/** Whether `^` n times from `scope` leaves the scopes created inside the analysed subtree. */
function reachesOuter(scope: Scope, n: number): boolean {
  let current = scope
  for (let i = 0; i < n; i++) {
    if (current.outer) return true
    current = current.parent
  }
  return current.outer
}

/** Worth caching: it reads the dataset (`*`, pushed-down candidates, `releases::all()`). */
function worthCaching(node: Node): boolean {
  if (node.type === 'Value' || node.type === 'Everything') return false
  let found = false
  const look = (item: Node): void => {
    if (found) return
    if (item.type === 'Everything' || (item.type === 'Value' && Array.isArray(item.value))) found = true
    else if (item.type === 'FuncCall' && item.namespace === 'releases') found = true
    else mapChildren(item, {outer: true}, (child) => (look(child), child))
  }
  look(node)
  return found
}

/** The scope groq-js evaluates a child in (see its `Scope.createNested` / `createHidden`). */
function nested(scope: Scope, hidden: boolean): Scope {
  const parent = !scope.outer && scope.hidden ? scope.parent : scope
  return {outer: false, parent, hidden}
}

/** Children that groq-js runs once per element, and in which kind of scope. */
function childScope(node: Node, key: string, scope: Scope): Scope {
  if ((node.type === 'Filter' || node.type === 'Projection') && key === 'expr') return nested(scope, false)
  if ((node.type === 'Map' || node.type === 'FlatMap') && key === 'expr') return nested(scope, true)
  if (node.type === 'PipeFuncCall' && key === 'args') return nested(scope, false)
  return scope
}

/** A copy of `node` with `fn` applied to each child expression (and its scope). */
function mapChildren(node: Node, scope: Scope, fn: (child: Node, scope: Scope) => Node): Node {
  if (node.type === 'Value') return node
  const copy: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(node)) {
    const inner = childScope(node, key, scope)
    if (Array.isArray(child)) copy[key] = child.map((item) => mapItem(item, inner, fn))
    else copy[key] = isNode(child) ? fn(child, inner) : child
  }
  return copy as Node
}

/** Array elements, object attributes and select alternatives wrap expressions in records. */
function mapItem(item: unknown, scope: Scope, fn: (child: Node, scope: Scope) => Node): unknown {
  if (isNode(item) && !isWrapper(item)) return fn(item, scope)
  if (typeof item !== 'object' || item === null) return item
  const copy: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(item)) copy[key] = isNode(child) ? fn(child, scope) : child
  return copy
}

/** Records inside arrays that are not expressions themselves. */
const WRAPPERS = new Set(['ArrayElement', 'ObjectAttributeValue', 'ObjectConditionalSplat', 'ObjectSplat', 'SelectAlternative'])

function isWrapper(item: {type: string}): boolean {
  return WRAPPERS.has(item.type)
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as {type?: unknown}).type === 'string'
}
