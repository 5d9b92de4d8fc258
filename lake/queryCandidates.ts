/**
 * Fetches, from SQLite, the documents a `*[filter]` can possibly return under a perspective:
 * a superset of the true answer (groq-js applies the full filter afterwards), in the same
 * relative order as the full scan, so results are identical to evaluating over everything.
 */
import type {DatabaseSync, SQLInputValue} from 'node:sqlite'
import {applyPerspective, type Perspective} from './perspective.ts'
import type {Constraints} from './queryConstraints.ts'
import type {OrderExpressions} from './store/fieldIndexes.ts'
import type {LakeDocument} from './types.ts'

/**
 * What a query reads from a dataset: its SQLite database (the lake's own connection, or a
 * read-only one in a query worker) and the SQL of the field indexes the lake has made.
 */
export interface QueryableDataset {
  readonly name: string
  readonly db: DatabaseSync
  get(id: string): LakeDocument | null
  getMany(ids: string[]): Array<LakeDocument | null>
  /** The SQL expression of an indexed field, or null when the field has no index. */
  fieldExpression(path: string[]): string | null
  /** The SQL of an indexed order key, or null when the field has no order index. */
  orderExpressions(path: string[]): OrderExpressions | null
}

/**
 * An `order(key) [0...limit]` that may be answered from an index; without `path`, the first
 * `limit` rows in dataset order (only valid for exact constraints).
 */
export interface OrderHint {
  path?: string[]
  descending?: boolean
  limit: number
}

interface Where {
  clauses: string[]
  args: SQLInputValue[]
}

/** Every document the perspective shows, in dataset order. */
export function allDocuments(dataset: QueryableDataset | null, perspective: Perspective): LakeDocument[] {
  return candidates(dataset, perspective, {fields: [], exact: true})
}

/** A superset of the documents matching `constraints` under `perspective`, in dataset order. */
export function candidates(
  dataset: QueryableDataset | null,
  perspective: Perspective,
  constraints: Constraints,
  order?: OrderHint,
): LakeDocument[] {
  if (!dataset) return []
  if (perspective.kind === 'stack') {
    const where = rowWhere(dataset, constraints, 'pub_id')
    const inner = where.clauses.length ? `WHERE pub_id IN (SELECT pub_id FROM documents WHERE ${where.clauses.join(' AND ')})` : ''
    const rows = dataset.db.prepare(`SELECT json FROM documents ${inner} ORDER BY pub_id, id`).all(...where.args)
    return [...applyPerspective(perspective, rows.map(parseRow))]
  }
  const where = rowWhere(dataset, constraints, 'id')
  hideFromView(perspective, where)
  if (order) return ordered(dataset, where, order)
  return select(dataset, where, '')
}

/** The exact number of documents matching exact `constraints` (raw or published only). */
export function countMatches(dataset: QueryableDataset | null, perspective: Perspective, constraints: Constraints): number {
  if (!dataset) return 0
  const where = rowWhere(dataset, constraints, 'id')
  hideFromView(perspective, where)
  const text = `SELECT count(*) AS n FROM documents ${where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''}`
  return Number(dataset.db.prepare(text).get(...where.args)?.n)
}

/** Rows the raw/published perspective never shows. */
function hideFromView(perspective: Perspective, where: Where): void {
  if (perspective.kind === 'published') where.clauses.push('id = pub_id')
  if (perspective.kind === 'raw' && perspective.hideVersions) where.clauses.push("substr(id, 1, 9) <> 'versions.'")
}

function rowWhere(dataset: QueryableDataset, constraints: Constraints, idColumn: string): Where {
  const where: Where = {clauses: [], args: []}
  const inList = (column: string, values: SQLInputValue[]) => {
    where.clauses.push(values.length ? `${column} IN (${values.map(() => '?').join(',')})` : '0')
    where.args.push(...values)
  }
  if (constraints.types) inList('type', constraints.types)
  if (constraints.ids) inList(idColumn, constraints.ids)
  for (const field of constraints.fields) {
    const expression = dataset.fieldExpression(field.path)
    if (expression) inList(expression, field.values)
  }
  return where
}

/**
 * Top `limit` rows whose key is a string (plus ties), and every row whose key is not a string:
 * groq-js orders by type first, so those may sort anywhere; the superset keeps the answer exact.
 * Both lookups go through the key's composite index (`INDEXED BY`), whatever else filters.
 */
function ordered(dataset: QueryableDataset, where: Where, order: OrderHint): LakeDocument[] {
  if (!order.path) return select(dataset, where, `LIMIT ${Math.floor(order.limit)}`)
  const key = dataset.orderExpressions(order.path)
  if (!key) return select(dataset, where, '')
  const base = where.clauses.map((clause) => ` AND ${clause}`).join('')
  const from = `FROM documents INDEXED BY ${key.index}`
  const direction = order.descending ? 'DESC' : 'ASC'
  const top = dataset.db
    .prepare(`SELECT ${key.value} AS k ${from} WHERE ${key.type} = 'text'${base} ORDER BY ${key.value} ${direction} LIMIT ?`)
    .all(...where.args, order.limit)
  const rows: Array<Record<string, unknown>> = []
  for (const range of [`${key.type} IS NULL`, `${key.type} < 'text'`, `${key.type} > 'text'`]) {
    rows.push(...dataset.db.prepare(`SELECT id, json ${from} WHERE ${range}${base}`).all(...where.args))
  }
  if (top.length > 0) {
    const comparison = order.descending ? '>=' : '<='
    const last = top[top.length - 1]?.k as SQLInputValue
    const text = `SELECT id, json ${from} WHERE ${key.type} = 'text' AND ${key.value} ${comparison} ?${base}`
    rows.push(...dataset.db.prepare(text).all(last, ...where.args))
  }
  rows.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1))
  return rows.map(parseRow)
}

function select(dataset: QueryableDataset, where: Where, suffix: string): LakeDocument[] {
  const text = `SELECT json FROM documents ${where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''} ORDER BY id ${suffix}`
  return dataset.db.prepare(text).all(...where.args).map(parseRow)
}

function parseRow(row: Record<string, unknown>): LakeDocument {
  return JSON.parse(String(row.json)) as LakeDocument
}
