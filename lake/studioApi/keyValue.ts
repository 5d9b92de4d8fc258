/**
 * The Studio's per-user settings (`users/me/keyvalue`): list layouts, sort orders, Vision's
 * saved queries. They live in `<lake dir>/studio.db`, apart from the datasets, because in Sanity
 * they belong to the user and not to any dataset (and must not show up in queries or history).
 */
import {join} from 'node:path'
import {DatabaseSync} from 'node:sqlite'

import {LakeError} from '../errors.ts'
import type {Lake} from '../types.ts'
import {keepPrivate} from '../privateFile.ts'

/** A settings file outside any dataset name (datasets are `<name>.sqlite`). */
const FILE_NAME = 'studio.db'

const SCHEMA = `CREATE TABLE IF NOT EXISTS keyvalue (
  user_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID`

export interface KeyValuePair {
  key: string
  value: unknown
}

/** Reads `keys` for `userId`; missing keys come back with a null value, in request order. */
export function getKeyValues(lake: Lake, userId: string, keys: string[]): KeyValuePair[] {
  return withDatabase(lake, (db) => {
    const select = db.prepare('SELECT value FROM keyvalue WHERE user_id = ? AND key = ?')
    return keys.map((key) => {
      const row = select.get(userId, key)
      return {key, value: row ? JSON.parse(String(row.value)) : null}
    })
  })
}

/**
 * Stores the pairs for `userId` (a null value deletes the key) and echoes them.
 * @throws LakeError 400 when the body is not an array of `{key, value}`.
 */
export function setKeyValues(lake: Lake, userId: string, body: unknown): KeyValuePair[] {
  const pairs = parsePairs(body)
  return withDatabase(lake, (db) => {
    const upsert = db.prepare(
      'INSERT INTO keyvalue (user_id, key, value) VALUES (?, ?, ?) ' +
        'ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value',
    )
    const remove = db.prepare('DELETE FROM keyvalue WHERE user_id = ? AND key = ?')
    db.exec('BEGIN')
    try {
      for (const {key, value} of pairs) {
        if (value === null) remove.run(userId, key)
        else upsert.run(userId, key, JSON.stringify(value))
      }
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
    return pairs
  })
}

function parsePairs(body: unknown): KeyValuePair[] {
  const items = Array.isArray(body) ? body : [body]
  return items.map((item, index) => {
    if (typeof item !== 'object' || item === null || typeof item.key !== 'string' || item.key === '') {
      throw new LakeError(400, `Key-value item ${index} needs a non-empty string "key"`)
    }
    return {key: item.key, value: item.value === undefined ? null : item.value}
  })
}

/** Settings writes are rare (a click), so the file is opened per request: no handle to leak. */
function withDatabase<T>(lake: Lake, use: (db: DatabaseSync) => T): T {
  keepPrivate(join(lake.dir, FILE_NAME))
  const db = new DatabaseSync(join(lake.dir, FILE_NAME))
  try {
    db.exec('PRAGMA busy_timeout = 5000')
    db.exec(SCHEMA)
    return use(db)
  } finally {
    db.close()
  }
}
