/**
 * Fetches, from SQLite, the documents a `*[filter]` can possibly return under a perspective:
 * a superset of the true answer (groq-js applies the full filter afterwards), in the same
 * relative order as the full scan, so results are identical to evaluating over everything.
 */
import type {DatabaseSync, SQLInputValue} from 'node:sqlite'
import {applyPerspective, type Perspective} from './perspective.ts'
import type {Constraints} from './queryConstraints.ts'
import {memberSql, type OrderExpressions} from './store/fieldIndexes.ts'
import {countByType} from './store/typeCounts.ts'
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
  /** The SQL expression of a field, indexed or not (null for unsupported names). */
  fieldExpression(path: string[]): string | null
  /** The SQL of an order key, or null when the field has no order index. */
  orderExpressions(path: string[]): OrderExpressions | null
  /** Whether the lake keeps a member index of the array field (`$value in path`). */
  hasMemberIndex(path: string[]): boolean
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
  if (!constraints.ids && constraints.fields.length === 0 && !constraints.members?.length) {
    return countByType(dataset.db, constraints.types, countedKinds(perspective))
  }
  const where = rowWhere(dataset, constraints, 'id')
  hideFromView(perspective, where)
  const text = `SELECT count(*) AS n FROM documents ${where.clauses.length ? `WHERE ${where.clauses.join(' AND ')}` : ''}`
  return Number(dataset.db.prepare(text).get(...where.args)?.n)
}

/** The kinds of `type_counts` a raw or published perspective shows. */
function countedKinds(perspective: Perspective): number[] {
  // Kind bits as typeCounts.ts defines them, mirroring `hideFromView` below.
  let kinds = [0, 1, 2, 3, 4, 5, 6, 7]
  if (perspective.publicOnly) kinds = kinds.filter((kind) => !(kind & 4))
  if (perspective.kind === 'published') return kinds.filter((kind) => kind & 1)
  return perspective.kind === 'raw' && perspective.hideVersions ? kinds.filter((kind) => !(kind & 2)) : kinds
}

/** Rows the raw/published perspective never shows (`publicOnly`: ids with a dot, as `isPublishedId`). */
function hideFromView(perspective: Perspective, where: Where): void {
  if (perspective.publicOnly) where.clauses.push("instr(id, '.') = 0")
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
  for (const member of constraints.members ?? []) {
    const sql = memberSql(member.path)
    if (!sql) continue
    const marks = member.values.map(() => '?').join(',')
    // Without the lake's member index, SQLite still reads the array faster than groq-js would.
    where.clauses.push(
      dataset.hasMemberIndex(member.path)
        ? `documents.id IN (SELECT doc_id FROM document_members WHERE path = ? AND value IN (${marks}))`
        : `json_type(documents.json, ?) = 'array' AND EXISTS (SELECT 1 FROM json_each(documents.json, ?) AS j
           WHERE j.type IN ('text', 'integer', 'real') AND j.value IN (${marks}))`,
    )
    if (!dataset.hasMemberIndex(member.path)) where.args.push(sql.jsonPath, sql.jsonPath)
    else where.args.push(sql.jsonPath)
    where.args.push(...member.values)
  }
  return where
}

/**
 * Per JSON type that groq-js orders by value (strings, integers, reals: numbers compare across
 * the two), the top `limit` rows and their ties; and every row whose key has another type or none
 * (groq-js orders by type first, so those may sort anywhere). A superset of the true top `limit`.
 * Every lookup goes through the key's composite index (`INDEXED BY`), whatever else filters.
 */
function ordered(dataset: QueryableDataset, where: Where, order: OrderHint): LakeDocument[] {
  if (!order.path) return select(dataset, where, `LIMIT ${Math.floor(order.limit)}`)
  const key = dataset.orderExpressions(order.path)
  if (!key) return select(dataset, where, '')
  const base = where.clauses.map((clause) => ` AND ${clause}`).join('')
  const from = `FROM documents INDEXED BY ${key.index}`
  const direction = order.descending ? 'DESC' : 'ASC'
  const comparison = order.descending ? '>=' : '<='
  const rows: Array<Record<string, unknown>> = []
  for (const type of ['text', 'integer', 'real']) {
    const top = dataset.db
      .prepare(`SELECT ${key.value} AS k ${from} WHERE ${key.type} = '${type}'${base} ORDER BY ${key.value} ${direction} LIMIT ?`)
      .all(...where.args, order.limit)
    if (top.length === 0) continue
    const last = top[top.length - 1]?.k as SQLInputValue
    const text = `SELECT id, json ${from} WHERE ${key.type} = '${type}' AND ${key.value} ${comparison} ?${base}`
    rows.push(...dataset.db.prepare(text).all(last, ...where.args))
  }
  // json_type names in order: array false integer null object real text true (ranges of the index).
  const others = [
    `${key.type} IS NULL`,
    `${key.type} < 'integer'`,
    `${key.type} > 'integer' AND ${key.type} < 'real'`,
    `${key.type} > 'text'`,
  ]
  for (const range of others) rows.push(...dataset.db.prepare(`SELECT id, json ${from} WHERE ${range}${base}`).all(...where.args))
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
