/**
 * Expression indexes over document fields, created on first use by the query pushdown
 * (`slug.current == $slug`, `order(publishedAt desc)`), so any field can be looked up fast.
 * The SQL and index names are pure functions of the field path (`fieldSql`, `orderSql`), so a
 * read-only connection (a query worker) can tell whether the lake has made an index.
 */
import {createHash} from 'node:crypto'
import type {DatabaseSync} from 'node:sqlite'

/** Indexes created on demand per dataset; each one slows writes a little. */
const MAX_FIELD_INDEXES = 16

/** SQL for ordering by a field: its JSON type, its value, and the composite index over both. */
export interface OrderExpressions {
  type: string
  value: string
  index: string
}

/** The SQL of a field (`['slug', 'current']`) and its index's name, or null for unsupported names. */
export function fieldSql(path: string[]): {expression: string; index: string} | null {
  if (!path.every((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) return null
  const expression = `json_extract(json, '$.${path.join('.')}')`
  return {expression, index: indexName('field', expression)}
}

/** The SQL for ordering by a field and its composite index's name, or null for unsupported names. */
export function orderSql(path: string[]): OrderExpressions | null {
  if (!path.every((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) return null
  const jsonPath = `'$.${path.join('.')}'`
  return {type: `json_type(json, ${jsonPath})`, value: `json_extract(json, ${jsonPath})`, index: indexName('order', jsonPath)}
}

/** The names of the indexes present in `db` (read in the caller's transaction). */
export function existingIndexes(db: DatabaseSync): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all()
  return new Set(rows.map((row) => String(row.name)))
}

export class FieldIndexes {
  #db: DatabaseSync
  #created = new Set<string>()

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  /**
   * The SQL expression for a document field (`['slug', 'current']`), backed by an expression
   * index created on first use (up to MAX_FIELD_INDEXES), or null for unsupported names.
   */
  fieldExpression(path: string[]): string | null {
    const field = fieldSql(path)
    if (!field) return null
    if (this.#created.has(field.index)) return field.expression
    // Inside a write transaction the index could be rolled back with it: create it later.
    if (this.#created.size >= MAX_FIELD_INDEXES || this.#db.isTransaction) return field.expression
    this.#db.exec(`CREATE INDEX IF NOT EXISTS ${field.index} ON documents (${field.expression})`)
    this.#created.add(field.index)
    return field.expression
  }

  /**
   * The SQL expressions for ordering by a field: its JSON type and its value, backed by one
   * composite expression index (created on first use), or null for unsupported names.
   */
  orderExpressions(path: string[]): OrderExpressions | null {
    const order = orderSql(path)
    if (!order) return null
    if (!this.#created.has(order.index)) {
      if (this.#created.size >= MAX_FIELD_INDEXES || this.#db.isTransaction) return null
      this.#db.exec(`CREATE INDEX IF NOT EXISTS ${order.index} ON documents (${order.type}, ${order.value})`)
      this.#created.add(order.index)
    }
    return order
  }
}

/** A stable index name per expression (field names alone could collide: `a_b` vs `a.b`). */
function indexName(kind: string, expression: string): string {
  return `documents_${kind}_${createHash('sha1').update(expression).digest('hex').slice(0, 12)}`
}
