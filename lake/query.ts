/**
 * Runs a GROQ query against a dataset under a perspective: groq-js evaluates it, after the
 * index pushdown has replaced each `*[filter]` by the candidate documents SQLite finds.
 * Only candidates are materialised; the whole dataset only when some `*` cannot be narrowed.
 */
import {evaluate, parse, type ExprNode} from 'groq-js'
import {LakeError, queryParseError} from './errors.ts'
import {applyPerspective, stackIds, type Perspective} from './perspective.ts'
import {allDocuments, candidates, countMatches} from './queryCandidates.ts'
import {needsDataset, pushDown} from './queryPushdown.ts'
import {isPublishedId, publishedId} from './ids.ts'
import {resolveTextQueries} from './textQuery.ts'
import {recordCount, recordReference, recordScan, type QueryReads} from './queryReads.ts'
import type {SqliteDataset} from './store/dataset.ts'
import type {LakeDocument} from './types.ts'

/** Time budget of one query; past it the query is stopped (400) instead of hogging the lake. */
export const QUERY_TIME_BUDGET_MS = 10_000
/** Check the deadline every this many documents iterated (a check costs a clock read). */
const DEADLINE_CHECK_EVERY = 256

export interface QueryOptions {
  query: string
  params: Record<string, unknown>
  perspective: Perspective
  /** Defaults to QUERY_TIME_BUDGET_MS. */
  timeoutMs?: number
  /** Disable the index pushdown (tests compare both paths). */
  pushdown?: boolean
  projectId?: string
  datasetName?: string
  /** Filled with what the query read (for `syncTags`); see queryReads.ts. */
  reads?: QueryReads
}

/**
 * Parses `query` or throws the Content Lake's parse error.
 * @throws LakeError 400 `queryParseError` with the position of the problem.
 */
export function parseQuery(query: string, params: Record<string, unknown>): ExprNode {
  let tree: ExprNode
  try {
    tree = parse(query, {params})
  } catch (error) {
    const position = typeof (error as {position?: unknown}).position === 'number' ? (error as {position: number}).position : 0
    const message = (error as Error).message.replace(/^Syntax error in GROQ query at position \d+: /, '')
    throw queryParseError(message, query, position, Math.min(position + 1, query.length))
  }
  const missing = JSON.stringify(tree).match(/"type":"Parameter","name":"([^"]+)"/)
  if (missing?.[1]) {
    const at = query.indexOf('$' + missing[1])
    throw queryParseError(`param $${missing[1]} referenced, but not provided`, query, at, at + missing[1].length + 1)
  }
  return tree
}

/**
 * Evaluates the query over `dataset` (null: an empty dataset).
 * @throws LakeError 400 for parse errors, evaluation errors and past the time budget.
 */
export async function runQuery(dataset: SqliteDataset | null, options: QueryOptions): Promise<unknown> {
  const deadline = Date.now() + (options.timeoutMs ?? QUERY_TIME_BUDGET_MS)
  const guard = <T>(docs: T[]): T[] => withDeadline(docs, deadline)
  const {perspective, reads} = options
  const tree = await resolveTextQueries(parseQuery(options.query, options.params), async (projection) => {
    const value = await evaluate(projection, {dataset: guard(recordScan(reads, allDocuments(dataset, perspective))), params: options.params})
    return value.get()
  })
  const keepsDocuments = perspective.kind !== 'stack'
  const rewritten =
    options.pushdown === false
      ? tree
      : pushDown(tree, {
          candidates: (constraints, order) => guard(recordScan(reads, candidates(dataset, perspective, constraints, order), constraints)),
          count: (constraints) => (keepsDocuments ? recordCount(reads, constraints, countMatches(dataset, perspective, constraints)) : null),
          ordersByIndex: keepsDocuments,
        })
  const documents = needsDataset(rewritten) ? guard(recordScan(reads, allDocuments(dataset, perspective))) : []
  try {
    const value = await evaluate(rewritten, {
      dataset: documents,
      params: options.params,
      dereference: ({_ref}) => {
        if (Date.now() > deadline) throw timedOut()
        return recordReference(reads, _ref, dereference(dataset, perspective, _ref))
      },
      sanity: {projectId: options.projectId ?? 'local', dataset: options.datasetName ?? dataset?.name ?? ''},
    })
    return await value.get()
  } catch (error) {
    if (error instanceof LakeError) throw error
    throw new LakeError(400, `Query error: ${(error as Error).message}`, {
      error: {type: 'queryExecutionError', description: (error as Error).message, query: options.query},
    })
  }
}

function dereference(dataset: SqliteDataset | null, perspective: Perspective, id: string): LakeDocument | null {
  if (!dataset || (perspective.publicOnly && !isPublishedId(id))) return null
  if (perspective.kind === 'raw') return perspective.hideVersions && id.startsWith('versions.') ? null : dataset.get(id)
  if (perspective.kind === 'published') return publishedId(id) === id ? dataset.get(id) : null
  const variants = dataset.getMany(stackIds(perspective, publishedId(id))).filter((doc) => doc !== null)
  return [...applyPerspective(perspective, variants)][0] ?? null
}

/** The same array, whose iteration throws once the deadline has passed. */
function withDeadline<T>(items: T[], deadline: number): T[] {
  Object.defineProperty(items, Symbol.iterator, {
    value: function* iterate(this: T[]) {
      for (let i = 0; i < this.length; i++) {
        if (i % DEADLINE_CHECK_EVERY === 0 && Date.now() > deadline) throw timedOut()
        yield this[i]
      }
    },
  })
  return items
}

function timedOut(): LakeError {
  const description = 'Query timed out: it ran longer than the time budget; narrow it with filters or limits'
  return new LakeError(400, description, {error: {type: 'queryTimeoutError', description}})
}
