/**
 * The listener's filter: which documents a listen query is about.
 *
 * The Content Lake ignores order, projections and slices of listener queries and uses only the
 * filter, so the filter expression is taken out of the parsed query and evaluated against one
 * document at a time.
 */
import {evaluateSync, type ExprNode} from 'groq-js'

import {LakeError} from './errors.ts'
import {outsideItemReference} from './listenCost.ts'
import {LISTENER_QUERY, parseOnMainThread, refuseHazards} from './mainThreadQuery.ts'
import type {LakeDocument} from './types.ts'

/** Decides whether one document matches the listener's filter. */
export type DocumentMatcher = (doc: LakeDocument) => boolean

/** Node types whose `base` holds the document stream the filter applies to. */
const WRAPPERS = new Set(['Projection', 'Slice', 'PipeFuncCall', 'AccessElement', 'Map', 'FlatMap', 'ArrayCoerce', 'Group'])

/**
 * Compiles a listen query into a matcher.
 * @throws LakeError 400 when the query does not parse (`queryParseError`) or is refused (mainThreadQuery.ts, listenCost.ts).
 */
export function compileListenFilter(
  query: string,
  params: Record<string, unknown>,
  identity: string | undefined,
): DocumentMatcher {
  // Listeners have no worker: their filter is parsed, and run on each change, on the main thread.
  const tree = parseOnMainThread(query, params, LISTENER_QUERY)
  const filter = findFilter(tree)
  if (filter === 'all') return () => true
  refuseHazards(filter, LISTENER_QUERY)
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
