/**
 * Indexes over document fields, decided by the lake: a query only *wishes* for one (the pushdown
 * reports the fields it could not look up by index), and `FieldIndexes.ensure` creates wished-for
 * indexes for token holders only, up to MAX_FIELD_INDEXES per dataset counted on disk, so
 * anonymous callers never make anything that persists and restarts do not raise the bound.
 * Three kinds: `field` (`slug.current == $slug`), `order` (`order(publishedAt desc)[0...10]`, by
 * JSON type then value) and `member` (`$tag in tags`: a side table of array values kept by
 * triggers). SQL and names are pure functions of the path, so a read-only connection (a query
 * worker) can tell whether the lake has made an index.
 */
import {createHash} from 'node:crypto'
import type {DatabaseSync} from 'node:sqlite'
import {jsonPathOf} from '../fieldPaths.ts'
import type {IndexWish} from '../types.ts'

/** Indexes the lake makes per dataset at most; each one slows writes a little. */
export const MAX_FIELD_INDEXES = 16

/** SQL for ordering by a field: its JSON type, its value, and the composite index over both. */
export interface OrderExpressions {
  type: string
  value: string
  index: string
}

/** Lake-made index objects (a member index counts once, by its insert trigger). */
const LAKE_MADE = "name LIKE 'documents_field_%' OR name LIKE 'documents_order_%' OR name LIKE 'documents_member_%_insert'"

/** The SQL of a field (`['slug', 'current']`) and its index's name, or null for unsupported names. */
export function fieldSql(path: string[]): {expression: string; index: string} | null {
  const jsonPath = jsonPathOf(path)
  if (!jsonPath) return null
  const expression = `json_extract(json, '${jsonPath}')`
  return {expression, index: indexName('field', expression)}
}

/** The SQL for ordering by a field and its composite index's name, or null for unsupported names. */
export function orderSql(path: string[]): OrderExpressions | null {
  const jsonPath = jsonPathOf(path)
  if (!jsonPath) return null
  const quoted = `'${jsonPath}'`
  return {type: `json_type(json, ${quoted})`, value: `json_extract(json, ${quoted})`, index: indexName('order', quoted)}
}

/** The JSON path of an array field and the name of its member index (trigger prefix). */
export function memberSql(path: string[]): {jsonPath: string; index: string} | null {
  const jsonPath = jsonPathOf(path)
  return jsonPath ? {jsonPath, index: indexName('member', jsonPath)} : null
}

/** The names of the indexes and triggers present in `db` (read in the caller's transaction). */
export function existingIndexes(db: DatabaseSync): Set<string> {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')").all()
  return new Set(rows.map((row) => String(row.name)))
}

/** The name under which `wish`'s index exists when it does. */
export function wishName(wish: IndexWish): string | null {
  if (wish.kind === 'field') return fieldSql(wish.path)?.index ?? null
  if (wish.kind === 'order') return orderSql(wish.path)?.index ?? null
  const member = memberSql(wish.path)
  return member ? `${member.index}_insert` : null
}

/** The lake's side of the indexes: which exist, and creating wished-for ones within the bound. */
export class FieldIndexes {
  #db: DatabaseSync
  #existing: Set<string>

  #analyze: (name: string) => void

  /** `analyze` makes the planner's statistics of an index or table just made (statistics.ts). */
  constructor(db: DatabaseSync, analyze: (name: string) => void) {
    this.#db = db
    this.#existing = existingIndexes(db)
    this.#analyze = analyze
  }

  has(wish: IndexWish): boolean {
    const name = wishName(wish)
    return name !== null && this.#existing.has(name)
  }

  /**
   * Creates the indexes of `wishes` that do not exist yet, while the dataset has fewer than
   * MAX_FIELD_INDEXES lake-made ones. Returns the names created.
   */
  ensure(wishes: IndexWish[]): string[] {
    const created: string[] = []
    for (const wish of wishes) {
      const name = wishName(wish)
      if (!name || this.#existing.has(name) || this.#db.isTransaction) continue
      const count = Number(this.#db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE ${LAKE_MADE}`).get()?.n)
      if (count >= MAX_FIELD_INDEXES) break
      this.#db.exec('BEGIN IMMEDIATE')
      try {
        this.#db.exec(createSql(wish))
        // Statistics in the same commit: no query plans with the new index before SQLite knows how much it narrows.
        this.#analyze(wish.kind === 'member' ? 'document_members' : name)
        this.#db.exec('COMMIT')
      } catch (error) {
        this.#db.exec('ROLLBACK')
        throw error
      }
      this.#existing.add(name)
      created.push(name)
    }
    return created
  }
}

function createSql(wish: IndexWish): string {
  if (wish.kind === 'field') {
    const field = fieldSql(wish.path)!
    return `CREATE INDEX IF NOT EXISTS ${field.index} ON documents (${field.expression})`
  }
  if (wish.kind === 'order') {
    const order = orderSql(wish.path)!
    return `CREATE INDEX IF NOT EXISTS ${order.index} ON documents (${order.type}, ${order.value})`
  }
  const {jsonPath, index} = memberSql(wish.path)!
  // Scalars GROQ's `in` can match; strings and numbers are all the pushdown looks up.
  // Elements of arrays only (json_each also walks objects and yields scalars themselves).
  const values = (row: string, from: string) =>
    `SELECT '${jsonPath}', j.value, ${row}.id FROM ${from}json_each(${row}.json, '${jsonPath}') AS j
     WHERE j.type IN ('text', 'integer', 'real') AND json_type(${row}.json, '${jsonPath}') = 'array'`
  const forget = `DELETE FROM document_members WHERE path = '${jsonPath}' AND doc_id = old.id;`
  return `
    CREATE TABLE IF NOT EXISTS document_members (path TEXT NOT NULL, value NOT NULL, doc_id TEXT NOT NULL,
      PRIMARY KEY (path, value, doc_id)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS document_members_doc ON document_members (path, doc_id);
    INSERT OR IGNORE INTO document_members ${values('documents', 'documents, ')};
    CREATE TRIGGER ${index}_insert AFTER INSERT ON documents BEGIN
      INSERT OR IGNORE INTO document_members ${values('new', '')}; END;
    CREATE TRIGGER ${index}_update AFTER UPDATE OF json ON documents BEGIN
      ${forget} INSERT OR IGNORE INTO document_members ${values('new', '')}; END;
    CREATE TRIGGER ${index}_delete AFTER DELETE ON documents BEGIN ${forget} END;`
}

/** A stable index name per expression (field names alone could collide: `a_b` vs `a.b`). */
function indexName(kind: string, expression: string): string {
  return `documents_${kind}_${createHash('sha1').update(expression).digest('hex').slice(0, 12)}`
}
