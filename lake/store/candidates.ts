/**
 * Fetches, from SQLite, the documents a `*[filter]` can possibly return under a perspective:
 * a superset of the true answer (groq-js applies the full filter afterwards), in the same
 * relative order as the full scan, so results are identical to evaluating over everything.
 * The store's half of `QueryableDataset` (types.ts): the query layer asks, this answers in SQL.
 */
import type {DatabaseSync, SQLInputValue} from 'node:sqlite'
import {jsonPathOf} from '../fieldPaths.ts'
import {VERSIONS_PREFIX} from '../ids.ts'
import {applyPerspective} from '../perspective.ts'
import type {Constraints, LakeDocument, OrderHint, Perspective} from '../types.ts'
import {fieldSql, memberSql, type OrderExpressions} from './fieldIndexes.ts'
import {countByType} from './typeCounts.ts'
import {inList, Where} from './where.ts'

/** A dataset's connection and the indexes it may use (the lake's own, or a worker's read-only one). */
export interface IndexedDatabase {
  readonly db: DatabaseSync
  /** The SQL of an order key, or null when the field has no order index. */
  orderExpressions(path: string[]): OrderExpressions | null
  /** Whether the lake keeps a member index of the array field (`$value in path`). */
  hasMemberIndex(path: string[]): boolean
}

/** A superset of the documents matching `constraints` under `perspective`, in dataset order. */
export function candidates(
  dataset: IndexedDatabase,
  perspective: Perspective,
  constraints: Constraints,
  order?: OrderHint,
): LakeDocument[] {
  // A stack perspective picks one version per document as it reads: it never orders by an index.
  if (!order || perspective.kind === 'stack') return [...eachCandidate(dataset, perspective, constraints)]
  const where = rowWhere(dataset, constraints, 'id')
  hideFromView(perspective, where)
  return ordered(dataset, where, order)
}

/**
 * The documents of `candidates` without an order hint, read from SQLite one row at a time as they
 * are iterated: a scan over a large dataset holds one parsed document at once, not all of them.
 */
export function* eachCandidate(dataset: IndexedDatabase, perspective: Perspective, constraints: Constraints): Generator<LakeDocument> {
  if (perspective.kind === 'stack') {
    const where = rowWhere(dataset, constraints, 'pub_id')
    const inner = where.clauses.length ? `WHERE pub_id IN (SELECT pub_id FROM documents ${where.sql()})` : ''
    const rows = dataset.db.prepare(`SELECT json FROM documents ${inner} ORDER BY pub_id, id`).iterate(...where.args)
    yield* applyPerspective(perspective, parsed(rows))
    return
  }
  const where = rowWhere(dataset, constraints, 'id')
  hideFromView(perspective, where)
  yield* parsed(dataset.db.prepare(`SELECT json FROM documents ${where.sql()} ORDER BY id`).iterate(...where.args))
}

function* parsed(rows: Iterable<Record<string, unknown>>): Generator<LakeDocument> {
  for (const row of rows) yield parseRow(row)
}

/** The exact number of documents matching exact `constraints` (raw or published only). */
export function countMatches(dataset: IndexedDatabase, perspective: Perspective, constraints: Constraints): number {
  if (!constraints.ids && constraints.fields.length === 0 && !constraints.members?.length && !constraints.defined?.length) {
    return countByType(dataset.db, constraints.types, countedKinds(perspective))
  }
  const where = rowWhere(dataset, constraints, 'id')
  hideFromView(perspective, where)
  return Number(dataset.db.prepare(`SELECT count(*) AS n FROM documents ${where.sql()}`).get(...where.args)?.n)
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
  if (perspective.publicOnly) where.add("instr(id, '.') = 0")
  if (perspective.kind === 'published') where.add('id = pub_id')
  if (perspective.kind === 'raw' && perspective.hideVersions) where.add(`substr(id, 1, ${VERSIONS_PREFIX.length}) <> ?`, VERSIONS_PREFIX)
}

function rowWhere(dataset: IndexedDatabase, constraints: Constraints, idColumn: string): Where {
  const where = new Where()
  if (constraints.types) where.in('type', constraints.types)
  if (constraints.ids) where.in(idColumn, constraints.ids)
  for (const field of constraints.fields) {
    const expression = fieldSql(field.path)?.expression
    if (expression) where.in(expression, field.values)
  }
  for (const path of constraints.defined ?? []) {
    const jsonPath = jsonPathOf(path)
    // json_type is NULL for a missing field: neither passes, as neither is defined in GROQ.
    if (jsonPath) where.add("json_type(documents.json, ?) <> 'null'", jsonPath)
  }
  for (const member of constraints.members ?? []) {
    const sql = memberSql(member.path)
    if (!sql) continue
    const list = inList(member.values)
    // Without the lake's member index, SQLite still reads the array faster than groq-js would.
    if (dataset.hasMemberIndex(member.path)) {
      where.add(`documents.id IN (SELECT doc_id FROM document_members WHERE path = ? AND value IN ${list.sql})`, sql.jsonPath, ...list.args)
    } else {
      where.add(
        `json_type(documents.json, ?) = 'array' AND EXISTS (SELECT 1 FROM json_each(documents.json, ?) AS j
           WHERE j.type IN ('text', 'integer', 'real') AND j.value IN ${list.sql})`,
        sql.jsonPath,
        sql.jsonPath,
        ...list.args,
      )
    }
  }
  return where
}

/**
 * Per JSON type that groq-js orders by value (strings, integers, reals: numbers compare across
 * the two), the top `limit` rows and their ties; and every row whose key has another type or none
 * (groq-js orders by type first, so those may sort anywhere). A superset of the true top `limit`.
 * Every lookup goes through the key's composite index (`INDEXED BY`), whatever else filters.
 */
function ordered(dataset: IndexedDatabase, where: Where, order: OrderHint): LakeDocument[] {
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

function select(dataset: IndexedDatabase, where: Where, suffix: string): LakeDocument[] {
  return dataset.db.prepare(`SELECT json FROM documents ${where.sql()} ORDER BY id ${suffix}`).all(...where.args).map(parseRow)
}

function parseRow(row: Record<string, unknown>): LakeDocument {
  return JSON.parse(String(row.json)) as LakeDocument
}
