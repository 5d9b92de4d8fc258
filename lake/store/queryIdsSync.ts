/** Resolves the query of a `delete`/`patch` by query to document ids, synchronously. */
import {evaluateSync, parse} from 'groq-js'
import {mutationError} from '../errors.ts'
import type {LakeDocument} from '../types.ts'

/**
 * The `_id`s of the documents `query` returns over `documents`.
 * @throws LakeError 400 when the query does not parse, cannot run synchronously, or returns
 * something other than documents.
 */
export function queryIdsSync(
  documents: Iterable<LakeDocument>,
  query: string,
  params: Record<string, unknown>,
): string[] {
  let result: unknown
  try {
    result = evaluateSync(parse(query, {params}), {dataset: [...documents], params}).data
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
