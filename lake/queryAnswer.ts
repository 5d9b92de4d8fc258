/**
 * One query's whole answer, as the worker (or, without workers, the route) makes it: the result as
 * JSON text, the sync tags of what it read (syncTags.ts) and, when asked, its Content Source Map
 * (sourceMap.ts), both taken from the reads `runQuery` records.
 */
import {LakeError} from './errors.ts'
import {jsonExceeds} from './jsonSize.ts'
import {runQuery, type QueryOptions} from './query.ts'
import {newQueryReads} from './queryReads.ts'
import {buildSourceMap} from './sourceMap.ts'
import {syncTagsOf} from './syncTags.ts'
import type {QueryableDataset, QueryAnswer} from './types.ts'

/** Results whose JSON is longer than this (characters) are refused instead of sent. */
const RESULT_LIMIT = 64 * 1024 * 1024

/**
 * Runs the query and makes its answer.
 * @throws LakeError as `runQuery` does, and 400 `queryResultTooLargeError` past the result limit.
 */
export async function answerQuery(
  dataset: QueryableDataset | null,
  options: Omit<QueryOptions, 'reads'> & {sourceMap: string | null},
): Promise<QueryAnswer> {
  const wantsMap = options.sourceMap !== null && options.sourceMap !== 'false'
  const reads = newQueryReads({keepDocuments: wantsMap})
  const result = await runQuery(dataset, {...options, reads})
  if (jsonExceeds(result, RESULT_LIMIT)) throw resultTooLarge()
  const json = JSON.stringify(result) ?? 'null'
  const answer: QueryAnswer = {json, syncTags: syncTagsOf(reads)}
  if (wantsMap && reads.documents) {
    answer.sourceMap = JSON.stringify(buildSourceMap(result, reads.documents, {keyed: options.sourceMap === 'withKeyArraySelector'}))
  }
  return answer
}

/** The error of a result too large to send. */
export function resultTooLarge(): LakeError {
  const description = 'Query result too large: narrow it with filters, projections or limits'
  return new LakeError(400, description, {error: {type: 'queryResultTooLargeError', description}})
}
