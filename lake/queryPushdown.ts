/**
 * Rewrites a parsed GROQ tree so that each `*[filter]` reads only candidate documents from
 * SQLite instead of the whole dataset: the `*` under the filter becomes a `Value` node holding
 * the candidates (a superset, in dataset order, so groq-js computes the identical result).
 * `count(*[exact filter])` becomes a number, and `*[...] | order(k) [a...b]` fetches only the
 * top `b` by the index when the perspective keeps documents as stored. Where the source can
 * filter (`matching`), a `*[filter]` whose filter reads nothing outside the document it tests
 * becomes a `Value` of the very documents that match, found a chunk at a time: a scan keeps the
 * matches, not every document it read.
 */
import type {ExprNode} from 'groq-js'
import {attributePath, constraintsOf, definedPath, narrows} from './queryConstraints.ts'
import type {Constraints, OrderHint} from './types.ts'

export interface CandidateSource {
  /** Documents that may match; `order` only for perspectives that keep documents unchanged. */
  candidates(constraints: Constraints, order?: OrderHint): unknown[]
  /** Exact count, or null when the source cannot count `constraints` exactly. */
  count(constraints: Constraints): number | null
  /** Whether order/limit pushdown is allowed (raw and published perspectives). */
  ordersByIndex: boolean
  /**
   * The documents among the candidates of `constraints` for which `filter` holds, in dataset
   * order; only asked for filters that `isSelfContained` (absent: candidates only).
   */
  matching?(constraints: Constraints, filter: ExprNode): unknown[]
}

type Node = ExprNode & Record<string, unknown>

/** The rewritten tree (the input is not modified). */
export function pushDown(tree: ExprNode, source: CandidateSource): ExprNode {
  return rewrite(tree as Node, source) as ExprNode
}

/** True when evaluating `tree` still needs the whole dataset (`*` left, or `releases::*`). */
export function needsDataset(tree: ExprNode): boolean {
  let found = false
  visit(tree, (node) => {
    if (node.type === 'Everything') found = true
    if (node.type === 'FuncCall' && node.namespace === 'releases') found = true
  })
  return found
}

function rewrite(node: Node, source: CandidateSource): Node {
  const counted = countPattern(node, source)
  if (counted) return counted
  const sliced = source.ordersByIndex ? slicePattern(node) : null
  // The top rows by key are a superset of the answer only when the filter says nothing more
  // than the constraints: a further condition could reject every one of them.
  if (sliced?.order && constraintsOf(sliced.filter.expr as ExprNode).exact) {
    const constraints = constraintsOf(sliced.filter.expr as ExprNode)
    const value = {type: 'Value', value: source.candidates(constraints, sliced.order)}
    return replaceFilterBase(node, sliced.filter, value, source)
  }
  if (sliced && constraintsOf(sliced.filter.expr as ExprNode).exact) {
    // Dataset order and an exact filter: the first `limit` rows are exactly the first matches.
    const value = {type: 'Value', value: source.candidates(constraintsOf(sliced.filter.expr as ExprNode), {limit: sliced.limit})}
    const filter = {...sliced.filter, base: value, expr: rewrite(sliced.filter.expr as Node, source)}
    return {...node, base: filter} as Node
  }
  if (node.type === 'Filter' && (node.base as Node).type === 'Everything') {
    const constraints = constraintsOf(node.expr as ExprNode)
    if (source.matching && isSelfContained(node.expr as ExprNode)) {
      return {type: 'Value', value: source.matching(constraints, node.expr as ExprNode)} as Node
    }
    if (narrows(constraints)) {
      const value = {type: 'Value', value: source.candidates(constraints)}
      return {...node, base: value, expr: rewrite(node.expr as Node, source)} as Node
    }
  }
  return mapChildren(node, (child) => rewrite(child, source))
}

/** Functions that read more than the document they are given: other documents, releases, the evaluation's own context. */
const READS_OUTSIDE = new Set(['releases', 'diff', 'delta', 'text'])

/**
 * Whether `expr`, evaluated for one document, reads nothing but that document, the parameters and
 * references it follows: no subquery (`*`), no enclosing scope (`^`), no function of another
 * namespace's state. Such a filter gives the same verdict over any chunk of the documents.
 */
export function isSelfContained(expr: ExprNode): boolean {
  let contained = true
  visit(expr, (node) => {
    if (node.type === 'Everything' || node.type === 'Parent' || node.type === 'Context') contained = false
    if (node.type === 'FuncCall' && READS_OUTSIDE.has(String(node.namespace))) contained = false
  })
  return contained
}

function countPattern(node: Node, source: CandidateSource): Node | null {
  if (node.type !== 'FuncCall' || node.name !== 'count' || node.namespace !== 'global') return null
  const [arg] = node.args as Node[]
  if (arg?.type === 'Everything') {
    const count = source.count({fields: [], exact: true})
    return count === null ? null : ({type: 'Value', value: count} as Node)
  }
  if (!arg || arg.type !== 'Filter' || (arg.base as Node).type !== 'Everything') return null
  const constraints = constraintsOf(arg.expr as ExprNode)
  if (!constraints.exact) return null
  const count = source.count(constraints)
  return count === null ? null : ({type: 'Value', value: count} as Node)
}

/**
 * `Slice|AccessElement` with known, non-negative bounds over `order(keys)(Filter(Everything))` whose leading key
 * an index can serve (then `order` is set, see `leadingKey`) or directly over `Filter(Everything)`.
 */
function slicePattern(node: Node): {filter: Node; limit: number; order?: OrderHint} | null {
  let limit: number
  // `[a...b]` needs the first b rows whatever a is (a page further down the list).
  if (node.type === 'Slice' && typeof node.left === 'number' && node.left >= 0 && typeof node.right === 'number' && node.right >= 0) {
    limit = node.right + (node.isInclusive ? 1 : 0)
  } else if (node.type === 'AccessElement' && typeof node.index === 'number' && node.index >= 0) {
    limit = node.index + 1
  } else return null
  const base = node.base as Node
  if (isFilterOfEverything(base)) return {filter: base, limit}
  if (base.type !== 'PipeFuncCall' || base.name !== 'order') return null
  const filter = base.base as Node
  const key = isFilterOfEverything(filter) ? leadingKey(base.args as Node[]) : null
  return key ? {filter, limit, order: {...key, limit}} : null
}

/**
 * The field whose order index finds a superset of the first rows of `order(args)`: the first key,
 * or the second after `defined()` of that same field (`order(defined(publishedAt) desc,
 * publishedAt desc, _id)`, the site's newest-first), which only moves the rows without the field,
 * and the index lookup returns all of those anyway. Later keys only break ties, and the lookup
 * returns every row tied with the last one it keeps.
 */
function leadingKey(args: Node[]): {path: string[]; descending: boolean} | null {
  const [first, second] = args.map(orderKey)
  if (!first) return null
  const defined = definedPath(first.key)
  if (!defined) {
    const path = attributePath(first.key)
    return path ? {path, descending: first.descending} : null
  }
  const next = second ? attributePath(second.key) : null
  return second && next && next.join('.') === defined.join('.') ? {path: next, descending: second.descending} : null
}

function orderKey(arg: Node): {key: Node; descending: boolean} {
  return {key: arg.type === 'Asc' || arg.type === 'Desc' ? (arg.base as Node) : arg, descending: arg.type === 'Desc'}
}

function isFilterOfEverything(node: Node): boolean {
  return node.type === 'Filter' && (node.base as Node).type === 'Everything'
}

function replaceFilterBase(node: Node, filter: Node, value: unknown, source: CandidateSource): Node {
  const pipe = node.base as Node
  const newFilter = {...filter, base: value, expr: rewrite(filter.expr as Node, source)}
  const newPipe = {...pipe, base: newFilter, args: (pipe.args as Node[]).map((arg) => rewrite(arg, source))}
  return {...node, base: newPipe} as Node
}

function mapChildren(node: Node, fn: (child: Node) => Node): Node {
  if (node.type === 'Value') return node
  const copy: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(node)) {
    if (Array.isArray(child)) copy[key] = child.map((item) => (isNode(item) ? fn(item) : mapNested(item, fn)))
    else copy[key] = isNode(child) ? fn(child) : child
  }
  return copy as Node
}

/** Array elements and object attributes wrap their expressions in non-`ExprNode` records. */
function mapNested(item: unknown, fn: (child: Node) => Node): unknown {
  if (typeof item !== 'object' || item === null) return item
  return mapChildren(item as Node, fn)
}

/** Calls `fn` on every node of the tree (not inside `Value`s: they hold data, not syntax). */
export function visit(tree: ExprNode, fn: (node: Node) => void): void {
  const node = tree as Node
  if (node.type === 'Value') return
  fn(node)
  for (const child of Object.values(node)) {
    if (Array.isArray(child)) for (const item of child) isObject(item) && visit(item as Node, fn)
    else if (isObject(child)) visit(child as Node, fn)
  }
}

function isNode(value: unknown): value is Node {
  return isObject(value) && typeof (value as {type?: unknown}).type === 'string'
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null
}
