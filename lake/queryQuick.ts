/**
 * Queries answered on the main thread without a worker: those the pushdown turns into constants
 * (`count(*[_type == "article"])` reads one row of `type_counts`), leaving nothing that iterates.
 * What remains costs time linear in the query and its parameters (array functions, `match` and `path()`
 * excepted, sent to a worker too), so it cannot stall the lake;
 * a message to a worker and back would cost more than the answer.
 */
import {evaluateSync, type ExprNode} from 'groq-js'
import {jsonExceeds} from './jsonSize.ts'
import {pushDown} from './queryPushdown.ts'
import {recordCount, type QueryReads} from './queryReads.ts'
import type {Perspective, QueryableDataset} from './types.ts'

/** Node types that iterate, dereference or read documents: any of them sends a query to a worker. */
const NEEDS_WORKER = new Set(['Everything', 'Filter', 'Map', 'FlatMap', 'Projection', 'PipeFuncCall', 'Deref', 'Parent', 'This'])

class NeedsWorker extends Error {}

/** The query's value when it is a constant after the pushdown, or undefined (run it on a worker). */
export function quickAnswer(
  dataset: QueryableDataset | null,
  tree: ExprNode,
  options: {params: Record<string, unknown>; perspective: Perspective; projectId: string; datasetName: string; reads?: QueryReads},
): {value: unknown} | undefined {
  if (options.perspective.kind === 'stack') return undefined
  let rewritten: ExprNode
  try {
    rewritten = pushDown(tree, {
      candidates: () => {
        throw new NeedsWorker()
      },
      // Only counts by type and kind: one row each, whatever the dataset's size.
      count: (constraints) =>
        constraints.ids || constraints.fields.length > 0 || constraints.members?.length || constraints.defined?.length
          ? null
          : recordCount(options.reads, constraints, dataset?.countMatches(options.perspective, constraints) ?? 0),
      ordersByIndex: false,
    })
  } catch (error) {
    if (error instanceof NeedsWorker) return undefined
    throw error
  }
  const values: unknown[] = []
  if (!isConstant(rewritten, values) || jsonExceeds(values, QUICK_VALUES_MAX)) return undefined
  const sanity = {projectId: options.projectId, dataset: options.datasetName}
  return {value: evaluateSync(rewritten, {dataset: [], params: options.params, sanity}).data}
}

/**
 * The given values (parameters, literals) a query answered here may hold, in JSON characters,
 * counted at each place they are used. A parameter is pasted into the tree wherever the query
 * names it, so a query's cost is linear in its text and its parameters only if their sizes are not
 * multiplied: `[count(string::split($a, "")), ...]` naming a 3 MB `$a` a hundred times (a 3 KB
 * query) held the main thread 17 s. Past this, the query goes to a worker and its time budget.
 */
const QUICK_VALUES_MAX = 16_000

/** Whether `node` is a constant; collects its Value nodes' values into `values`. */
function isConstant(node: unknown, values: unknown[]): boolean {
  if (typeof node !== 'object' || node === null) return true
  if (Array.isArray(node)) return node.every((item) => isConstant(item, values))
  const record = node as Record<string, unknown>
  if (typeof record.type === 'string' && NEEDS_WORKER.has(record.type)) return false
  if (record.type === 'FuncCall' && (record.namespace === 'releases' || record.namespace === 'diff' || record.namespace === 'delta')) return false
  // Not linear: `array::intersects` compares every pair of its arguments (12,000 items each held
  // the main thread 2.3 s), and `match` turns each `*` of its pattern into a backtracking `.*`.
  if (record.type === 'FuncCall' && record.namespace === 'array') return false
  // `path()` turns each `**` into a backtracking `.*` (24 segments against eight `**`: 3.7 s).
  if (record.type === 'FuncCall' && record.name === 'path') return false
  if (record.type === 'OpCall' && record.op === 'match') return false
  if (record.type === 'Value') {
    values.push(record.value)
    return true
  }
  return Object.values(record).every((item) => isConstant(item, values))
}
