/** Resolves the query of a `delete`/`patch` by query to document ids, synchronously. */
import {evaluateSync, type ExprNode} from 'groq-js'
import {LakeError, mutationError} from './errors.ts'
import {MUTATION_QUERY, parseOnMainThread, refuseHazards} from './mainThreadQuery.ts'
import {needsDataset, pushDown} from './queryPushdown.ts'
import type {QueryIdsResolver} from './types.ts'

/**
 * The `_id`s of the documents `query` returns, narrowed by the same index pushdown as queries.
 * @throws LakeError 400 when the query does not parse, cannot run synchronously, or returns
 * something other than documents.
 */
export const queryIds: QueryIdsResolver = (source, query, params) => {
  // Parsed here, on the main thread, inside the write: bounded as a listener's query is.
  let tree: ExprNode
  try {
    tree = parseOnMainThread(query, params, MUTATION_QUERY)
    refuseHazards(tree, MUTATION_QUERY)
  } catch (error) {
    if (!(error instanceof LakeError)) throw error
    // Read as null, a missing parameter would widen the selection (`*[_id != $keep]`: every
    // document): parseQuery refuses it as a parse error.
    const parseError = (error.body.error as {type?: unknown} | undefined)?.type === 'queryParseError'
    throw mutationError(400, parseError ? `Invalid query in mutation: ${error.message}` : error.message)
  }
  let result: unknown
  try {
    const pushed = pushDown(tree, {
      candidates: (constraints) => source.candidates(constraints),
      count: () => null,
      ordersByIndex: false,
    })
    const dataset = needsDataset(pushed) ? source.all() : []
    result = evaluateSync(pushed, {dataset, params}).data
  } catch (error) {
    throw mutationError(400, `Invalid query in mutation: ${(error as Error).message}`)
  }
  const items = Array.isArray(result) ? result : result === null ? [] : [result]
  return items.map((item) => {
    if (typeof item === 'object' && item !== null && typeof (item as {_id?: unknown})._id === 'string') {
      return (item as {_id: string})._id
    }
    throw mutationError(400, `The query in a mutation must return documents, got: ${JSON.stringify(item)}`)
  })
}
