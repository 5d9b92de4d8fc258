/**
 * `| score(...)` ranks documents: GROQ accepts it after an array of documents (`*`, a filter, a
 * slice, an `order()`, another `score()`), and the hosted Content Lake refuses a query that
 * pipes anything else into it, such as a projection (`*{title} | score(...)`) or one element
 * (`*[0] | score(...)`) (groq-test-suite, function/score.yml "Illegal use"). groq-js runs those
 * and answers null or unranked values, so the lake checks the shape before it evaluates.
 */
import type {ExprNode} from 'groq-js'
import {queryParseError} from './errors.ts'
import {visit} from './queryPushdown.ts'

/** Bases that are not an array of documents: a projection or traversal (`Map`), one element, one attribute. */
const NOT_DOCUMENTS = new Set(['Map', 'FlatMap', 'AccessElement', 'AccessAttribute', 'Deref', 'Object', 'Projection'])

/**
 * Throws a 400 `queryParseError` when a `| score()` in `tree` follows something other than an
 * array of documents; `query` is the text, for the error's position.
 */
export function checkScoreBases(tree: ExprNode, query: string): void {
  let misplaced = false
  visit(tree, (node) => {
    if (node.type !== 'PipeFuncCall' || (node as {name?: unknown}).name !== 'score') return
    if (NOT_DOCUMENTS.has(unwrapGroups(node.base as ExprNode).type)) misplaced = true
  })
  if (!misplaced) return
  const at = /\|\s*score\s*\(/.exec(query)
  const start = at ? at.index + at[0].indexOf('score') : 0
  throw queryParseError(
    'score() ranks documents: pipe a filter into it, such as *[_type == "article"] | score(title match "x"), and project or pick elements after it',
    query,
    start,
    start + 'score'.length,
  )
}

function unwrapGroups(node: ExprNode): ExprNode {
  return node.type === 'Group' ? unwrapGroups(node.base) : node
}
