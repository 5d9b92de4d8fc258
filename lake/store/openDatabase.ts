/**
 * Opens (or creates) the SQLite file of one dataset with the durability settings the lake
 * promises: WAL + `synchronous=FULL`, so an acknowledged transaction survives a SIGKILL or a
 * power cut and a half-written one is never visible.
 */
import {DatabaseSync} from 'node:sqlite'
import {indexAllReferences} from './references.ts'
import {ensureTypeCounts} from './typeCounts.ts'
import {keepPrivate} from '../privateFile.ts'

/** Milliseconds a writer waits for another process holding the write lock (crash tests, CLIs). */
const BUSY_TIMEOUT_MS = 5000
/**
 * SQLite's page cache of the writer's connection, in KiB (SQLite's default is 2,000). A write
 * touches about ten indexes at random keys; with the default cache their pages were read back
 * from the file (or the WAL) at almost every commit.
 */
const WRITER_CACHE_KIB = 16 * 1024

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  id TEXT NOT NULL UNIQUE,
  pub_id TEXT NOT NULL,
  type TEXT NOT NULL,
  rev TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_type ON documents (type, pub_id, id);
CREATE INDEX IF NOT EXISTS documents_pub ON documents (pub_id, id);
CREATE TABLE IF NOT EXISTS transactions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  timestamp TEXT NOT NULL,
  author TEXT NOT NULL,
  mutations TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transactions_time ON transactions (timestamp);
CREATE TABLE IF NOT EXISTS revisions (
  doc_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  json TEXT,
  mutations TEXT NOT NULL,
  live INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS revisions_seq ON revisions (seq);
CREATE TABLE IF NOT EXISTS refs (
  target TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (target, source)
) WITHOUT ROWID;
-- Looked up by target only; files written before kept an index by source too, which every reference paid for.
DROP INDEX IF EXISTS refs_source;
`

/** `PRAGMA user_version` of a file whose `refs` table has been filled from its documents. */
const REFS_INDEXED_VERSION = 1

/** Opens the dataset file, applying pragmas and the schema. */
export function openDatabase(file: string): DatabaseSync {
  keepPrivate(file)
  const db = new DatabaseSync(file)
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = FULL')
  db.exec(`PRAGMA cache_size = -${WRITER_CACHE_KIB}`)
  db.exec(SCHEMA)
  migrate(db)
  ensureTypeCounts(db)
  return db
}

/**
 * Brings a dataset file written by an earlier version up to date. Revisions gained `live` (the
 * newest revision of an existing document reads its JSON from `documents`); older rows keep their
 * own JSON, which `live = 0` means. The `refs` table (strong references) is filled once from the
 * documents of a file that predates it.
 */
function migrate(db: DatabaseSync): void {
  const columns = db.prepare('PRAGMA table_info(revisions)').all().map((row) => String(row.name))
  if (!columns.includes('live')) db.exec('ALTER TABLE revisions ADD COLUMN live INTEGER NOT NULL DEFAULT 0')
  if (Number(db.prepare('PRAGMA user_version').get()?.user_version) < REFS_INDEXED_VERSION) {
    db.exec('BEGIN IMMEDIATE')
    try {
      indexAllReferences(db)
      db.exec(`PRAGMA user_version = ${REFS_INDEXED_VERSION}`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
  }
}
