/**
 * The listener's filter: which documents a listen query is about.
 *
 * The Content Lake ignores order, projections and slices of listener queries and uses only the
 * filter, so the filter expression is taken out of the parsed query and evaluated against one
 * document at a time.
 */
import {evaluateSync, GroqSyntaxError, parse, type ExprNode} from 'groq-js'

import {LakeError, queryParseError} from './errors.ts'
import {outsideItemReference} from './listenCost.ts'
import {definesFunctions, MAIN_THREAD_PARSE_MAX, mainThreadHazard} from './query.ts'
import {asHostedGroq} from './queryHosted.ts'
import type {LakeDocument} from './types.ts'

/** Decides whether one document matches the listener's filter. */
export type DocumentMatcher = (doc: LakeDocument) => boolean

/** Node types whose `base` holds the document stream the filter applies to. */
const WRAPPERS = new Set(['Projection', 'Slice', 'PipeFuncCall', 'AccessElement', 'Map', 'FlatMap', 'ArrayCoerce', 'Group'])

/**
 * Compiles a listen query into a matcher.
 * @throws LakeError 400 (`queryParseError`) when the query does not parse, 400 past MAIN_THREAD_PARSE_MAX characters.
 */
export function compileListenFilter(
  query: string,
  params: Record<string, unknown>,
  identity: string | undefined,
): DocumentMatcher {
  // Listeners have no worker: their filter is parsed, and run on each change, on the main thread.
  if (query.length > MAIN_THREAD_PARSE_MAX) {
    throw new LakeError(
      400,
      `Listener queries are limited to ${MAIN_THREAD_PARSE_MAX} characters, this one has ${query.length}: ` +
        'listen with a shorter filter and pass long values (such as lists of ids) as $parameters',
    )
  }
  if (definesFunctions(query)) {
    throw new LakeError(
      400,
      'Listener queries cannot define custom functions (fn) on this lake: their parse cannot be bounded on the thread ' +
        'that serves every client; write the filter without them',
    )
  }
  let tree: ExprNode
  try {
    tree = asHostedGroq(parse(query, {params}))
  } catch (error) {
    if (error instanceof GroqSyntaxError) {
      throw queryParseError(error.message, query, error.position, error.position + 1)
    }
    throw new LakeError(400, error instanceof Error ? error.message : String(error))
  }
  const filter = findFilter(tree)
  if (filter === 'all') return () => true
  const hazard = mainThreadHazard(filter)
  if (hazard) {
    throw new LakeError(400, `Listener filters cannot use ${hazard} on this lake: it runs on every change, on the thread that serves every client. Query instead of listening`)
  }
  const outside = outsideItemReference(filter.type === 'Filter' ? filter.expr : filter)
  if (outside) {
    throw new LakeError(
      400,
      `Listener filters cannot use ${outside} inside a per-item expression such as items[...]: it would run over the whole ` +
        'document once per item on every change. Filter on the item\'s own fields, or query instead of listening',
    )
  }
  return (doc) => {
    try {
      const result = evaluateSync(filter, {dataset: [doc], params, identity}).data
      return Array.isArray(result) && result.length > 0
    } catch {
      // Functions groq-js lacks (`text::query`): deliver the event; listeners refetch anyway.
      return true
    }
  }
}

function findFilter(tree: ExprNode): ExprNode | 'all' {
  let node: ExprNode = tree
  while (WRAPPERS.has(node.type) && 'base' in node && node.base) node = node.base
  if (node.type === 'Everything') return 'all'
  if (node.type === 'Filter') {
    let base = node.base
    const exprs: ExprNode[] = [node.expr]
    // `*[a][b]` chains filters: all of them must hold.
    while (base.type === 'Filter') {
      exprs.push(base.expr)
      base = base.base
    }
    if (base.type === 'Everything') {
      const expr = exprs.reduce((left, right) => ({type: 'And', left, right}))
      return {type: 'Filter', base: {type: 'Everything'}, expr}
    }
  }
  // Anything else (e.g. `count(*)`): the listener is about every document.
  return 'all'
}
