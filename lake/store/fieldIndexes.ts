/**
 * Expression indexes over document fields, created on first use by the query pushdown
 * (`slug.current == $slug`, `order(publishedAt desc)`), so any field can be looked up fast.
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
    if (!path.every((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) return null
    const expression = `json_extract(json, '$.${path.join('.')}')`
    if (this.#created.has(expression)) return expression
    // Inside a write transaction the index could be rolled back with it: create it later.
    if (this.#created.size >= MAX_FIELD_INDEXES || this.#db.isTransaction) return expression
    const name = indexName('field', expression)
    this.#db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON documents (${expression})`)
    this.#created.add(expression)
    return expression
  }

  /**
   * The SQL expressions for ordering by a field: its JSON type and its value, backed by one
   * composite expression index (created on first use), or null for unsupported names.
   */
  orderExpressions(path: string[]): OrderExpressions | null {
    if (!path.every((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) return null
    const jsonPath = `'$.${path.join('.')}'`
    const order = {
      type: `json_type(json, ${jsonPath})`,
      value: `json_extract(json, ${jsonPath})`,
      index: indexName('order', jsonPath),
    }
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
