/**
 * Runs a GROQ query against a dataset under a perspective: groq-js evaluates it, after the
 * index pushdown has replaced each `*[filter]` by the candidate documents SQLite finds.
 * Only candidates are materialised; the whole dataset only when some `*` cannot be narrowed.
 */
import {evaluate, evaluateSync, parse, type ExprNode} from 'groq-js'
import {LakeError, queryExecutionError, queryParseError} from './errors.ts'
import {applyPerspective, stackIds} from './perspective.ts'
import {memoise} from './queryMemo.ts'
import {asHostedGroq} from './queryHosted.ts'
import {checkScoreBases} from './queryScore.ts'
import {needsDataset, pushDown, visit} from './queryPushdown.ts'
import {isPublishedId, isVersionId, publishedId} from './ids.ts'
import {resolveTextQueries} from './textQuery.ts'
import {recordCount, recordReference, recordScan, type QueryReads} from './queryReads.ts'
import type {Constraints, LakeDocument, Perspective, QueryableDataset} from './types.ts'

/** Time budget of one query; past it the query is stopped (400) instead of hogging the lake. */
export const QUERY_TIME_BUDGET_MS = 10_000
/**
 * The longest query the main thread parses. groq-js's parser takes time quadratic in the length
 * of an operator chain (`a+a+…`: about 10 ms at 4 KB, seconds at 16 KB, hours at 4 MB), and a
 * parse cannot be interrupted, so longer queries are parsed on a query worker, under the budget.
 */
export const MAIN_THREAD_PARSE_MAX = 4096
/**
 * A custom function definition (`fn ns::name($x) = …;`). groq-js copies a function's body into
 * each call as it parses, so functions that call each other twice cost twice as much per level:
 * 842 characters of sixteen levels took 4 s to parse, twenty-five would take about 40 minutes.
 * A query that may define one is parsed on a query worker only, under the time and memory budget.
 * Matched in the query's text, string literals included: a false match only loses the main
 * thread's quick path.
 */
const FUNCTION_DEFINITION = /(?:^|[^\w$])fn\s+[A-Za-z_]\w*\s*::/

/** Whether `query` may define custom functions (see FUNCTION_DEFINITION). */
export function definesFunctions(query: string): boolean {
  return FUNCTION_DEFINITION.test(query)
}

/** Items an `array::intersects` argument may hold in a filter the main thread runs (it compares every pair). */
const MAIN_THREAD_INTERSECTS_MAX = 1000

/**
 * What in a parsed filter would make its evaluation superlinear on the main thread (a listener's
 * filter, run on every change; a mutation's query, run inside the write), or null:
 * - `match` turns each `*` of a pattern word into a backtracking `.*`: 13 of them against a
 *   32-letter word held every client 3.6 s, and each more doubles it. One per word (`north*`)
 *   stays linear; a pattern that is no constant cannot be checked.
 * - `path()` turns each `*` segment into a backtracking `[^.]+` and each `**` into `.*`, joined by
 *   an unescaped `.`: two of them are quadratic in the string tested (`title in path("*.*.x")`:
 *   0.2 s for a 20 KB title), and each more multiplies (six against a 55-letter id: 0.26 s, each
 *   more about eight times that). One wildcard segment (`drafts.**`, `_.releases.*`) only, in a
 *   constant pattern, wherever the call is (`coalesce(path(P), "")` is a pattern too); `path(X)`
 *   on the left of `in` is the value tested, never a pattern.
 * - `array::intersects` compares every pair: it needs one constant list of at most
 *   MAIN_THREAD_INTERSECTS_MAX items (two lists from the document, `items[0...20000]` against
 *   `items[20000...40000]`, are 400 million comparisons).
 */
export function mainThreadHazard(tree: unknown): string | null {
  const testedValues = new Set<unknown>()
  let work = 0
  return findInTree(tree, (record) => {
    if (record.type === 'FuncCall' && record.namespace === 'string' && record.name === 'split') {
      return 'string::split() (it makes a string of each piece of its text)'
    }
    work += walkingWork(record)
    if (work > MAIN_THREAD_WALKS_MAX) {
      return `more than ${MAIN_THREAD_WALKS_MAX} function calls, match words, array walks and \`in\` an array (each reads a whole value of the document)`
    }
    if (record.type === 'OpCall' && record.op === 'match') {
      const pattern = record.right as {type?: string; value?: unknown} | undefined
      const words = pattern?.type === 'Value' ? [pattern.value].flat() : null
      if (!words || words.some((word) => typeof word !== 'string' || word.split(/\s+/).some((part) => (part.match(/\*/g)?.length ?? 0) > 1))) {
        return 'match with a pattern that is not a constant, or with more than one * in a word'
      }
    }
    // Visited before its operands: the left one of `path(X) in path(P)` is the value, not a pattern.
    if (record.type === 'OpCall' && record.op === 'in' && isPathCall(record.left)) testedValues.add(record.left)
    if (isPathCall(record) && !testedValues.has(record)) {
      const pattern = (record.args as Array<{type?: string; value?: unknown}> | undefined)?.[0]
      if (pattern?.type !== 'Value' || typeof pattern.value !== 'string' || wildcardSegments(pattern.value) > 1) {
        return 'path() with a pattern that is not a constant, or with more than one ** or * segment'
      }
    }
    if (record.type === 'FuncCall' && record.namespace === 'array' && record.name === 'intersects') {
      const sizes = ((record.args as unknown[] | undefined) ?? []).map(givenLength).filter((size) => size !== null)
      if (sizes.some((size) => size > MAIN_THREAD_INTERSECTS_MAX)) return `array::intersects() with more than ${MAIN_THREAD_INTERSECTS_MAX} items`
      if (sizes.length === 0) return `array::intersects() without a constant list of at most ${MAIN_THREAD_INTERSECTS_MAX} items`
    }
    return null
  })
}

/**
 * Function calls, `match` pattern words, `in` a document's array and walks of an array
 * (`items[...]`) a main-thread filter may hold. Each can read a whole value of the document (a
 * text: `lower(body)`, `pt::text(body)`; `match` tests each pattern word against each word of the
 * text), so a filter naming a large field in many of them costs its length times the field's:
 * 200 `lower(s) == "q"` against a 1 MB `s` held the main thread 0.8 s on one change, 500 match
 * words against 100,000 words 1.3 s, 250 `"q" in items` over 200,000 items 1.4 s.
 */
const MAIN_THREAD_WALKS_MAX = 16

/** Calls that read no more than their arguments' first values. */
const CONSTANT_TIME_CALLS = new Set(['defined', 'coalesce', 'select', 'now', 'identity'])

/** Nodes that go through an array of the document: `items[...]`, `items[].x`, `items[0...10]`. */
const ARRAY_WALKS = new Set(['Filter', 'Map', 'FlatMap', 'ArrayCoerce', 'Slice'])

/** What a node adds to the count of MAIN_THREAD_WALKS_MAX. */
function walkingWork(record: Record<string, unknown>): number {
  if (record.type === 'FuncCall') return CONSTANT_TIME_CALLS.has(String(record.name)) || isPathCall(record) ? 0 : 1
  if (typeof record.type === 'string' && ARRAY_WALKS.has(record.type)) return 1
  // `x in items` searches the document's array (`x in [...]` and `x in path(P)` read the query's own).
  if (record.type === 'OpCall' && record.op === 'in') {
    const right = record.right as {type?: string} | undefined
    return right?.type === 'Value' || right?.type === 'Array' || isPathCall(right) ? 0 : 1
  }
  if (record.type !== 'OpCall' || record.op !== 'match') return 0
  const pattern = record.right as {type?: string; value?: unknown} | undefined
  const words = pattern?.type === 'Value' ? [pattern.value].flat() : []
  return Math.max(1, words.reduce<number>((sum, word) => sum + (typeof word === 'string' ? word.split(/\s+/).filter(Boolean).length : 1), 0))
}

/** The length of a constant list (a parameter, or `[...]` of constants without `...`), or null. */
function givenLength(node: unknown): number | null {
  const record = node as {type?: unknown; value?: unknown; elements?: Array<{isSplat?: unknown; value?: {type?: unknown}}>}
  if (record?.type === 'Value') return Array.isArray(record.value) ? record.value.length : null
  if (record?.type !== 'Array' || !Array.isArray(record.elements)) return null
  return record.elements.every((element) => element.isSplat === false && element.value?.type === 'Value') ? record.elements.length : null
}

function isPathCall(node: unknown): boolean {
  return typeof node === 'object' && node !== null && (node as {type?: unknown}).type === 'FuncCall' && (node as {name?: unknown}).name === 'path'
}

/** The `*` and `**` segments of a path pattern, each a backtracking part of its regex. */
function wildcardSegments(pattern: string): number {
  return pattern.split('.').filter((segment) => segment === '*' || segment === '**').length
}

/**
 * The first answer `visit` gives for a node of a parsed query, in the query's order, or null.
 * Given values (Value nodes: parameters pasted in, literals) are passed over, not walked: a 3 MB
 * parameter is one node, whatever it holds. Iterative, so that no depth of query overflows.
 */
function findInTree<T>(tree: unknown, visit: (node: Record<string, unknown>) => T | null): T | null {
  const pending: unknown[] = [tree]
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (typeof node !== 'object' || node === null) continue
    const record = node as Record<string, unknown>
    const found = Array.isArray(node) ? null : visit(record)
    if (found !== null) return found
    if (record.type === 'Value') continue
    // In reverse, so that the first node of the query is visited first.
    const children = Array.isArray(node) ? node : Object.values(record)
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i])
  }
  return null
}

/** Whether the main thread may parse `query`: short, and without custom functions. */
export function mainThreadMayParse(query: string): boolean {
  return query.length <= MAIN_THREAD_PARSE_MAX && !definesFunctions(query)
}
/** Check the deadline every this many documents iterated (a check costs a clock read). */
const DEADLINE_CHECK_EVERY = 256
/** Documents a scan parses and tests together before it reads the next ones (see `overChunks`). */
const CHUNK_SIZE = 256
/** The constraints of `*`: every document the perspective shows. */
const EVERYTHING: Constraints = {fields: [], exact: true}

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

/** The parse error of a query nested deeper than the parser's recursion goes (RangeError: the stack ran out). */
export const TOO_DEEP =
  'The query is nested too deeply to parse: use fewer nested brackets, parentheses or unary operators, or a shorter chain of operators'

/**
 * Parses `query` or throws the Content Lake's parse error. The tree is rewritten where groq-js
 * answers differently from the hosted lake (queryHosted.ts: `path(X) in path(P)`, nulls in
 * `array::unique()`), wherever it is evaluated: worker, main thread, chunk by chunk.
 * @throws LakeError 400 `queryParseError` with the position of the problem.
 */
export function parseQuery(query: string, params: Record<string, unknown>): ExprNode {
  let tree: ExprNode
  try {
    tree = parse(query, {params})
  } catch (error) {
    const position = typeof (error as {position?: unknown}).position === 'number' ? (error as {position: number}).position : 0
    const message = error instanceof RangeError ? TOO_DEEP : (error as Error).message.replace(/^Syntax error in GROQ query at position \d+: /, '')
    throw queryParseError(message, query, position, Math.min(position + 1, query.length))
  }
  const missing = missingParameter(tree)
  if (missing) {
    const at = query.indexOf('$' + missing)
    throw queryParseError(`param $${missing} referenced, but not provided`, query, at, at + missing.length + 1)
  }
  checkScoreBases(tree, query)
  return asHostedGroq(tree)
}

/**
 * The name of a `$parameter` the query uses and was not given, or null. groq-js reads a missing
 * parameter as null, so `*[_id != $keep]` without `keep` would select every document.
 */
export function missingParameter(tree: ExprNode): string | null {
  // groq-js leaves a Parameter node only where `parse` had no value for it, and pastes each given
  // value in as a Value node, which findInTree passes over (a 3 MB parameter named 1,300 times made
  // a 3.9 GB text of the tree, and a 500, when the tree was searched as JSON).
  return findInTree(tree, (node) => (node.type === 'Parameter' && typeof node.name === 'string' ? node.name : null))
}

/**
 * Evaluates the query over `dataset` (null: an empty dataset).
 * @throws LakeError 400 for parse errors, evaluation errors and past the time budget.
 */
export async function runQuery(dataset: QueryableDataset | null, options: QueryOptions): Promise<unknown> {
  const tree = parseQuery(options.query, options.params)
  try {
    return await evaluateQuery(dataset, tree, options)
  } catch (error) {
    // Every evaluation error has one shape, whether a chunked filter or the final evaluation met it.
    if (error instanceof LakeError) throw error
    throw queryExecutionError(error, options.query, functionCalls(tree))
  }
}

async function evaluateQuery(dataset: QueryableDataset | null, parsed: ExprNode, options: QueryOptions): Promise<unknown> {
  const clock = new Deadline(Date.now() + (options.timeoutMs ?? QUERY_TIME_BUDGET_MS))
  const {perspective, reads} = options
  // What every evaluation of this query sees, its filters evaluated chunk by chunk included.
  const shared = {
    params: options.params,
    timestamp: new Date(),
    sanity: {projectId: options.projectId ?? 'local', dataset: options.datasetName ?? dataset?.name ?? ''},
  }
  const lookup = (ref: string) => {
    clock.check()
    return withoutThen(recordReference(reads, ref, dereference(dataset, perspective, ref)))
  }
  /** Evaluates `tree` over each chunk of the documents `constraints` may match, as they are read. */
  function* overChunks(tree: (chunk: LakeDocument[]) => ExprNode, constraints: Constraints): Generator<unknown> {
    for (const chunk of chunksOf(dataset?.eachCandidate(perspective, constraints) ?? [], CHUNK_SIZE)) {
      clock.check()
      const value = evaluateSync(tree(chunk), {...shared, dataset: chunk, dereference: ({_ref}) => lookup(_ref)}).data
      if (Array.isArray(value)) yield* value
    }
  }
  const tree = resolveTextQueries(parsed, (projection, chunked) => {
    // Either way the answer depends on every document: the one `all` tag.
    recordScan(reads, [])
    if (chunked) return overChunks(() => projection, EVERYTHING)
    return evaluateSync(projection, {...shared, dataset: clock.guard(dataset?.candidates(perspective, EVERYTHING) ?? [])}).data as unknown[]
  })
  const keepsDocuments = perspective.kind !== 'stack'
  const rewritten =
    options.pushdown === false
      ? tree
      : pushDown(tree, {
          candidates: (constraints, order) => clock.guard(recordScan(reads, dataset?.candidates(perspective, constraints, order) ?? [], constraints)),
          count: (constraints) => (keepsDocuments ? recordCount(reads, constraints, dataset?.countMatches(perspective, constraints) ?? 0) : null),
          ordersByIndex: keepsDocuments,
          matching: (constraints, filter) =>
            recordScan(reads, [...overChunks((chunk) => ({type: 'Filter', base: {type: 'Value', value: chunk}, expr: filter}), constraints)] as LakeDocument[], constraints),
        })
  const documents = needsDataset(rewritten) ? clock.guard(recordScan(reads, dataset?.candidates(perspective, EVERYTHING) ?? [])) : []
  const context = {...shared, dataset: documents}
  if (needsAsync(rewritten)) {
    // Only the async evaluator has `diff::`/`delta::`; there the deadline ends iterations
    // quietly (an exception inside its streams would escape the request), then is reported.
    clock.quiet = true
    const follow = ({_ref}: {_ref: string}) => (clock.expired() ? null : recordReference(reads, _ref, dereference(dataset, perspective, _ref)))
    const value = await evaluate(rewritten, {...context, dereference: follow})
    const result = await value.get()
    clock.check()
    return result
  }
  // The sync evaluator runs each subquery when asked and unwinds on the first error, leaving
  // nothing running behind the answer; independent subqueries are evaluated once (queryMemo.ts).
  const memo = memoise(rewritten, (subtree) => evaluateSync(subtree, {...context, dereference: follow}).data)
  const follow = ({_ref}: {_ref: string}) => memo.resolve(_ref) ?? lookup(_ref)
  return evaluateSync(memo.tree, {...context, dereference: follow}).data
}

/**
 * The document, as the sync evaluator can take it: it refuses a dereferenced value with a `then`
 * key (it takes it for a promise), so such a document answers `in` without it; reading the field,
 * and serialising, still see it.
 */
function withoutThen(doc: LakeDocument | null): LakeDocument | null {
  if (!doc || !Object.hasOwn(doc, 'then')) return doc
  return new Proxy(doc, {has: (target, key) => key !== 'then' && key in target})
}

/** True when the tree calls functions only the async evaluator has. */
function needsAsync(tree: ExprNode): boolean {
  let async = false
  visit(tree, (node) => {
    if (node.type === 'FuncCall' && (node.namespace === 'diff' || node.namespace === 'delta')) async = true
  })
  return async
}

function dereference(dataset: QueryableDataset | null, perspective: Perspective, id: string): LakeDocument | null {
  if (!dataset || (perspective.publicOnly && !isPublishedId(id))) return null
  if (perspective.kind === 'raw') return perspective.hideVersions && isVersionId(id) ? null : dataset.get(id)
  if (perspective.kind === 'published') return publishedId(id) === id ? dataset.get(id) : null
  const variants = dataset.getMany(stackIds(perspective, publishedId(id))).filter((doc) => doc !== null)
  return [...applyPerspective(perspective, variants)][0] ?? null
}

/** `items` in arrays of `size`, read as they are asked for. */
function* chunksOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = []
  for (const item of items) {
    chunk.push(item)
    if (chunk.length === size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length > 0) yield chunk
}

/** The query's time budget: checked while documents are iterated and references followed. */
class Deadline {
  #at: number
  /** Iterations end early instead of throwing once expired (the async evaluator). */
  quiet = false

  constructor(at: number) {
    this.#at = at
  }

  expired(): boolean {
    return Date.now() > this.#at
  }

  /** @throws LakeError 400 `queryTimeoutError` once the budget is spent. */
  check(): void {
    if (this.expired()) throw timedOut()
  }

  /** The same array, whose iteration checks the deadline every DEADLINE_CHECK_EVERY items. */
  guard<T>(items: T[]): T[] {
    const clock = this
    Object.defineProperty(items, Symbol.iterator, {
      value: function* iterate(this: T[]) {
        for (let i = 0; i < this.length; i++) {
          if (i % DEADLINE_CHECK_EVERY === 0 && clock.expired()) {
            if (clock.quiet) return
            throw timedOut()
          }
          yield this[i]
        }
      },
    })
    return items
  }
}

function timedOut(): LakeError {
  const description = 'Query timed out: it ran longer than the time budget; narrow it with filters or limits'
  return new LakeError(400, description, {error: {type: 'queryTimeoutError', description}})
}

/** The `namespace::name` of every function the tree calls. */
function functionCalls(tree: ExprNode): string[] {
  const calls: string[] = []
  visit(tree, (node) => {
    if (node.type === 'FuncCall' || node.type === 'PipeFuncCall') calls.push(`${String(node.namespace)}::${String(node.name)}`)
  })
  return calls
}
