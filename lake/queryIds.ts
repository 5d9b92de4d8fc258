/** Resolves the query of a `delete`/`patch` by query to document ids, synchronously. */
import {evaluateSync, parse} from 'groq-js'
import {mutationError} from './errors.ts'
import {definesFunctions, MAIN_THREAD_PARSE_MAX, mainThreadHazard, missingParameter} from './query.ts'
import {asHostedGroq} from './queryHosted.ts'
import {needsDataset, pushDown} from './queryPushdown.ts'
import type {QueryIdsResolver} from './types.ts'

/**
 * The `_id`s of the documents `query` returns, narrowed by the same index pushdown as queries.
 * @throws LakeError 400 when the query does not parse, cannot run synchronously, or returns
 * something other than documents.
 */
export const queryIds: QueryIdsResolver = (source, query, params) => {
  // Parsed here, on the main thread, inside the write: bounded as a listener's query is (see MAIN_THREAD_PARSE_MAX).
  if (query.length > MAIN_THREAD_PARSE_MAX) {
    throw mutationError(
      400,
      `Queries in mutations are limited to ${MAIN_THREAD_PARSE_MAX} characters, this one has ${query.length}: ` +
        'select with a shorter filter and pass long values (such as lists of ids) as $parameters',
    )
  }
  if (definesFunctions(query)) {
    throw mutationError(
      400,
      'Queries in mutations cannot define custom functions (fn) on this lake: their parse cannot be bounded inside a write; ' +
        'select the documents without them',
    )
  }
  let result: unknown
  try {
    const parsed = parse(query, {params})
    const missing = missingParameter(parsed)
    // Read as null, a missing parameter would widen the selection (`*[_id != $keep]`: every document).
    if (missing) throw new Error(`param $${missing} referenced, but not provided`)
    const hazard = mainThreadHazard(parsed)
    if (hazard) throw new Error(`it uses ${hazard}, which a write cannot bound; select the documents without it`)
    const tree = pushDown(asHostedGroq(parsed), {
      candidates: (constraints) => source.candidates(constraints),
      count: () => null,
      ordersByIndex: false,
    })
    const dataset = needsDataset(tree) ? source.all() : []
    result = evaluateSync(tree, {dataset, params}).data
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
