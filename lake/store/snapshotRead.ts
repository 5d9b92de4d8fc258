/**
 * The current documents of a dataset as one committed state, read row by row on a read-only
 * connection of their own, in one read transaction: a download can take its time while the lake
 * writes (WAL), and a write during it neither appears nor tears what is sent. Nothing is held in
 * memory but the row being read.
 */
import {DatabaseSync} from 'node:sqlite'
import type {DocumentSnapshot} from '../types.ts'
import {Where} from './where.ts'

/**
 * Opens the snapshot of `file`'s documents (of `types`, when given; published ones only, ids
 * without a dot, with `publishedOnly`), in id order.
 */
export function openDocumentSnapshot(file: string, filter: {types?: string[]; publishedOnly?: boolean}): DocumentSnapshot {
  const db = new DatabaseSync(file, {readOnly: true})
  const where = new Where()
  // `+type`: not through the type index. Read by type, the rows would need sorting by id first, and
  // SQLite sorts them all, documents included, at the first step, on the main thread (an anonymous
  // export of one type of 200 MB held it 0.5 s); the id index gives them in order as they are read.
  if (filter.types) where.in('+type', filter.types)
  // Filtered by SQLite, not row by row in JavaScript: a dataset of drafts is not read to send nothing.
  if (filter.publishedOnly) where.add("instr(id, '.') = 0")
  let open = true
  const close = () => {
    if (!open) return
    open = false
    if (db.isTransaction) db.exec('COMMIT')
    db.close()
  }
  try {
    db.exec('BEGIN')
    const rows = db.prepare(`SELECT id, json FROM documents ${where.sql()} ORDER BY id`).iterate(...where.args)
    // A read transaction takes its snapshot at its first read: now, when the export was asked for.
    let next = rows.next()
    return {
      next() {
        if (!open || next.done) {
          close()
          return null
        }
        const row = next.value
        next = rows.next()
        return {id: String(row.id), json: String(row.json)}
      },
      close,
    }
  } catch (error) {
    close()
    throw error
  }
}
