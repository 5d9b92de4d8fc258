/** Records one applied transaction in the open SQLite transaction: log entry, documents, revisions. */
import type {StatementSync} from 'node:sqlite'
import {publishedId} from '../ids.ts'
import type {Transaction} from '../types.ts'

/**
 * Writes the transaction's log row, the documents it changed (upsert or delete) and one revision
 * row per changed document. The caller owns BEGIN/COMMIT.
 */
export function writeTransaction(sql: (text: string) => StatementSync, transaction: Transaction): void {
  sql('INSERT INTO transactions (seq, id, timestamp, author, mutations) VALUES (?, ?, ?, ?, ?)').run(
    transaction.seq,
    transaction.id,
    transaction.timestamp,
    transaction.author,
    JSON.stringify(transaction.mutations),
  )
  for (const change of transaction.changes) {
    const json = change.after ? JSON.stringify(change.after) : null
    if (change.after && json) {
      sql(
        `INSERT INTO documents (id, pub_id, type, rev, json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, rev = excluded.rev, json = excluded.json`,
      ).run(change.id, publishedId(change.id), change.after._type, change.after._rev ?? '', json)
    } else {
      sql('DELETE FROM documents WHERE id = ?').run(change.id)
    }
    sql('INSERT INTO revisions (doc_id, seq, json, mutations) VALUES (?, ?, ?, ?)').run(
      change.id,
      transaction.seq,
      json,
      JSON.stringify(change.mutations),
    )
  }
}
