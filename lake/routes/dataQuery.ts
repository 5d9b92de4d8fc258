/** `GET|POST /data/query/:dataset`: GROQ queries with `$params`, perspectives and timing. */
import {LakeError} from '../errors.ts'
import {urlParams} from '../groqParams.ts'
import type {ExprNode} from 'groq-js'
import {parsePerspective} from '../perspective.ts'
import {jsonExceeds} from '../jsonSize.ts'
import {quickAnswer} from '../queryQuick.ts'
import {wishedIndexes} from '../queryWishes.ts'
import {mainThreadMayParse, parseQuery, QUERY_TIME_BUDGET_MS} from '../query.ts'
import {answerQuery} from '../queryAnswer.ts'
import {newQueryReads} from '../queryReads.ts'
import {syncTagsOf} from '../syncTags.ts'
import type {Dataset, IndexWish, Perspective, QueryAnswer} from '../types.ts'
import type {LakeRequest, LakeResponse, RouteContext} from '../routeTypes.ts'
import {existingDataset} from './access.ts'

/** Handles a query request (GET parameters or POST `{query, params}`). */
export async function handleQuery(req: LakeRequest, ctx: RouteContext): Promise<LakeResponse> {
  const started = performance.now()
  const body = req.method === 'POST' ? await postBody(req) : {}
  const query = typeof body.query === 'string' ? body.query : req.query.get('query')
  if (query === null || query === undefined || query === '') throw new LakeError(400, 'The "query" parameter is missing')
  const params = {...urlParams(req.query), ...(isRecord(body.params) ? body.params : {})}
  const perspectiveValues = [...req.query.getAll('perspective'), ...stringsOf(body.perspective)]
  const perspective = parsePerspective(perspectiveValues, req.apiVersion, req.identity === null)
  const dataset = existingDataset(ctx, req.params.dataset ?? '')
  const job = {
    query,
    params,
    perspective,
    timeoutMs: ctx.queryTimeoutMs ?? QUERY_TIME_BUDGET_MS,
    projectId: req.projectId ?? 'local',
    dataset: req.params.dataset ?? '',
    sourceMap: req.query.get('resultSourceMap'),
  }
  // Parse errors answer at once; the worker would find them too, after a queue and a message.
  // A long query, or one with custom functions, is parsed by the worker alone (mainThreadMayParse):
  // no index wishes, no quick answer.
  const tree = ctx.queryPool && !mainThreadMayParse(query) ? null : parseQuery(query, params)
  // The lake decides on indexes, for token holders only: anonymous callers make nothing that lasts.
  if (tree && dataset && req.identity) makeIndexes(dataset, () => wishedIndexes(tree, perspective), ctx)
  const answer = ctx.queryPool
    ? ((tree && quickQuery(dataset, tree, job)) ??
      (await ctx.queryPool.run({...job, file: dataset ? dataset.file : null}, {anonymous: req.identity === null})))
    : await answerQuery(dataset, {...job, datasetName: job.dataset})
  // The result arrives as JSON text from the worker: it is spliced in, never parsed again.
  const parts: string[] = []
  if (req.query.get('returnQuery') !== 'false') parts.push(`"query":${JSON.stringify(query)}`)
  parts.push(`"result":${answer.json}`)
  if (job.sourceMap !== null) parts.push(`"resultSourceMap":${answer.sourceMap ?? '{"documents":[],"paths":[],"mappings":{}}'}`)
  parts.push(`"syncTags":${JSON.stringify(answer.syncTags)}`)
  parts.push(`"ms":${Math.round(performance.now() - started)}`)
  return {headers: {'Content-Type': 'application/json; charset=utf-8'}, text: `{${parts.join(',')}}`}
}

/** The largest answer the main thread writes out itself (JSON characters); larger ones go to a worker. */
const QUICK_ANSWER_MAX_BYTES = 1_000_000

/** The answer when the query is a constant after the pushdown (see queryQuick.ts). */
function quickQuery(
  dataset: Dataset | null,
  tree: ExprNode,
  job: {params: Record<string, unknown>; perspective: Perspective; projectId: string; dataset: string; sourceMap: string | null},
): QueryAnswer | undefined {
  // A source map needs the documents read: the worker's path records them.
  if (job.sourceMap !== null && job.sourceMap !== 'false') return undefined
  try {
    const reads = newQueryReads()
    const quick = quickAnswer(dataset, tree, {...job, datasetName: job.dataset, reads})
    // A parameter named a thousand times makes a small query a large answer: its text is built on a worker.
    if (!quick || jsonExceeds(quick.value, QUICK_ANSWER_MAX_BYTES)) return undefined
    return {json: JSON.stringify(quick.value) ?? 'null', syncTags: syncTagsOf(reads)}
  } catch {
    // Whatever failed here fails on the worker too, where it is reported as the query's error.
    return undefined
  }
}

/** Creates the missing indexes (once each, at most 16 per dataset: a pause of the main thread). */
function makeIndexes(dataset: Dataset, wishes: () => IndexWish[], ctx: RouteContext): void {
  try {
    // A tree too deep for the pushdown's recursion only goes without indexes (the worker says why).
    for (const name of dataset.ensureIndexes(wishes())) ctx.log(`created index ${name} in ${dataset.name}`)
  } catch (error) {
    ctx.log(`could not create an index in ${dataset.name}: ${(error as Error).message}`)
  }
}

async function postBody(req: LakeRequest): Promise<Record<string, unknown>> {
  const body = await req.json()
  if (!isRecord(body)) throw new LakeError(400, 'The query body must be a JSON object: {"query": "...", "params": {...}}')
  return body
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
