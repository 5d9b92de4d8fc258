/** `GET|POST /data/query/:dataset`: GROQ queries with `$params`, perspectives and timing. */
import {LakeError} from '../errors.ts'
import {checkJsonDepth} from '../jsonDepth.ts'
import {parsePerspective} from '../perspective.ts'
import {runQuery} from '../query.ts'
import {newQueryReads} from '../queryReads.ts'
import {buildSourceMap} from '../sourceMap.ts'
import {syncTagsOf} from '../syncTags.ts'
import type {SqliteDataset} from '../store/dataset.ts'
import type {LakeRequest, LakeResponse, RouteContext} from '../types.ts'
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
  const dataset = existingDataset(ctx, req.params.dataset ?? '') as SqliteDataset
  const sourceMap = req.query.get('resultSourceMap')
  const reads = newQueryReads({keepDocuments: sourceMap !== null && sourceMap !== 'false'})
  const result = await runQuery(dataset, {
    reads,
    query,
    params,
    perspective,
    timeoutMs: ctx.queryTimeoutMs,
    projectId: req.projectId ?? 'local',
    datasetName: req.params.dataset,
  })
  const answer: Record<string, unknown> = {}
  if (req.query.get('returnQuery') !== 'false') answer.query = query
  answer.result = result
  if (sourceMap !== null && reads.documents) {
    answer.resultSourceMap = buildSourceMap(result, reads.documents, {keyed: sourceMap === 'withKeyArraySelector'})
  }
  answer.syncTags = syncTagsOf(reads)
  answer.ms = Math.round(performance.now() - started)
  return {json: answer}
}

async function postBody(req: LakeRequest): Promise<Record<string, unknown>> {
  const body = await req.json()
  if (!isRecord(body)) throw new LakeError(400, 'The query body must be a JSON object: {"query": "...", "params": {...}}')
  return body
}

function urlParams(query: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of query) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch {
      throw new LakeError(400, `The value of parameter "${key}" is not valid JSON: ${value}`)
    }
    checkJsonDepth(params[key.slice(1)], `Parameter "${key}"`)
  }
  return params
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
