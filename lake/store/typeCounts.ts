/**
 * Document counts per `_type` and kind (published, draft, version), kept by triggers in the
 * dataset file, so `count(*[_type == "x"])` reads one row instead of counting index entries.
 */
import type {DatabaseSync} from 'node:sqlite'
import {inList} from './where.ts'

/**
 * A row's kind: 1 when `id = pub_id` (what the published perspective shows), + 2 for the
 * `versions.` prefix (what raw before 2025-02-19 hides), + 4 for any dot (private ids). Each
 * perspective counts the kinds it shows (`countedKinds` in candidates.ts).
 */
const KIND = (row: string) =>
  `((${row}.id = ${row}.pub_id) + 2 * (substr(${row}.id, 1, 9) = 'versions.') + 4 * (instr(${row}.id, '.') > 0))`
const ADD = (row: string) =>
  `INSERT INTO type_counts (type, kind, n) VALUES (${row}.type, ${KIND(row)}, 1) ON CONFLICT (type, kind) DO UPDATE SET n = n + 1;`
const REMOVE = (row: string) => `UPDATE type_counts SET n = n - 1 WHERE type = ${row}.type AND kind = ${KIND(row)};`

/** Creates the counts table and its triggers in a file that lacks them, counting what is there. */
export function ensureTypeCounts(db: DatabaseSync): void {
  if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'type_counts'").get()) return
  db.exec('BEGIN IMMEDIATE')
  try {
    db.exec(`
      CREATE TABLE IF NOT EXISTS type_counts (type TEXT NOT NULL, kind INTEGER NOT NULL, n INTEGER NOT NULL,
        PRIMARY KEY (type, kind)) WITHOUT ROWID;
      INSERT OR IGNORE INTO type_counts (type, kind, n) SELECT type, ${KIND('documents')}, count(*) FROM documents GROUP BY 1, 2;
      CREATE TRIGGER IF NOT EXISTS type_counts_insert AFTER INSERT ON documents BEGIN ${ADD('new')} END;
      CREATE TRIGGER IF NOT EXISTS type_counts_delete AFTER DELETE ON documents BEGIN ${REMOVE('old')} END;
      CREATE TRIGGER IF NOT EXISTS type_counts_update AFTER UPDATE OF type ON documents WHEN old.type <> new.type
        BEGIN ${REMOVE('old')} ${ADD('new')} END;`)
    db.exec('COMMIT')
  } catch (error) {
    db.exec('ROLLBACK')
    throw error
  }
}

/**
 * The number of documents of `types` (all types when undefined) whose kind is one of `kinds`.
 */
export function countByType(db: DatabaseSync, types: string[] | undefined, kinds: number[]): number {
  const list = types && inList(types)
  const typeClause = list ? `type IN ${list.sql} AND ` : ''
  const text = `SELECT coalesce(sum(n), 0) AS n FROM type_counts WHERE ${typeClause}kind IN (${kinds.join(',')})`
  return Number(db.prepare(text).get(...(list?.args ?? []))?.n)
}
