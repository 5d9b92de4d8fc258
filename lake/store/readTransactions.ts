/** Reads the transaction log and document revisions of a dataset (history, listeners' replay). */
import type {DatabaseSync, StatementSync} from 'node:sqlite'
import type {ChangeHead, Deletion, DocumentChange, HistoryQuery, LakeDocument, Transaction} from '../types.ts'
import {publishedId, VERSIONS_PREFIX} from '../ids.ts'
import {startsWith, Where} from './where.ts'
import {decodeMutations, decodeTransactionMutations} from './writeTransaction.ts'

/** A dataset's connection and its cache of prepared statements (for statements of fixed text). */
export interface LogDatabase {
  readonly db: DatabaseSync
  sql(text: string): StatementSync
}

/** A revision's document: a live revision (the document's newest) keeps it in `documents`. */
const REVISION_JSON = 'CASE WHEN live THEN (SELECT json FROM documents WHERE documents.id = revisions.doc_id) ELSE revisions.json END'

/** Committed transactions matching `query`, oldest first unless `reverse`. */
export function readTransactions(dataset: LogDatabase, query: HistoryQuery): Transaction[] {
  const where = new Where()
  if (query.ids) {
    const touched = new Where().in('doc_id', query.ids)
    where.add(`seq IN (SELECT seq FROM revisions ${touched.sql()})`, ...touched.args)
  }
  if (query.fromTransaction !== undefined) where.add('seq >= coalesce((SELECT seq FROM transactions WHERE id = ?), 1e18)', query.fromTransaction)
  if (query.toTransaction !== undefined) where.add('seq <= coalesce((SELECT seq FROM transactions WHERE id = ?), -1)', query.toTransaction)
  if (query.fromTime !== undefined) where.add('timestamp >= ?', query.fromTime)
  if (query.toTime !== undefined) where.add('timestamp <= ?', query.toTime)
  if (query.authors) where.in('author', query.authors)
  const order = query.reverse ? 'DESC' : 'ASC'
  const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.limit))}` : ''
  const text = `SELECT seq, id, timestamp, author, mutations FROM transactions ${where.sql()} ORDER BY seq ${order} ${limit}`
  return dataset.db
    .prepare(text)
    .all(...where.args)
    .map((row) => {
      const changes = readChanges(dataset, Number(row.seq))
      return {
        id: String(row.id),
        seq: Number(row.seq),
        timestamp: String(row.timestamp),
        author: String(row.author),
        mutations: decodeTransactionMutations(String(row.mutations), changes),
        changes,
      }
    })
}

function readChanges(dataset: LogDatabase, seq: number): DocumentChange[] {
  const rows = dataset.sql(`SELECT doc_id, ${REVISION_JSON} AS json, mutations FROM revisions WHERE seq = ?`).all(seq)
  return rows.map((row) => {
    const id = String(row.doc_id)
    const before = parse(dataset.sql(
      `SELECT ${REVISION_JSON} AS json FROM revisions WHERE doc_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1`,
    ).get(id, seq)?.json)
    const after = parse(row.json)
    return {
      id,
      operation: before === null ? 'create' : after === null ? 'delete' : 'update',
      previousRev: before?._rev ?? null,
      before,
      after,
      mutations: decodeMutations(String(row.mutations), after),
    }
  })
}

/** The document after transaction `revision`, or as of `time`; null when it did not exist. */
export function readDocumentAt(
  dataset: LogDatabase,
  id: string,
  at: {revision: string} | {time: string},
): LakeDocument | null {
  const seqRow =
    'revision' in at
      ? dataset.sql('SELECT seq FROM transactions WHERE id = ?').get(at.revision)
      : dataset.sql('SELECT max(seq) AS seq FROM transactions WHERE timestamp <= ?').get(at.time)
  if (!seqRow || seqRow.seq === null) return null
  const row = dataset
    .sql(`SELECT ${REVISION_JSON} AS json FROM revisions WHERE doc_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1`)
    .get(id, Number(seqRow.seq))
  return parse(row?.json)
}

function parse(json: unknown): LakeDocument | null {
  return typeof json === 'string' ? (JSON.parse(json) as LakeDocument) : null
}

/**
 * The log's deletions, newest first: revisions without a document that are not live. Only the
 * ids, the transactions' headers and, when asked, the one document before are read, never the
 * other revisions' documents. The deletions are first gathered by one pass over the revisions
 * table, then sorted: walking it in `seq` order through its index seeks each row apart, which
 * costs far more than the pass once the documents are large.
 */
export function* readDeletions(dataset: LogDatabase): Iterable<Deletion> {
  const rows = dataset.db
    .prepare(
      `WITH d AS MATERIALIZED (SELECT doc_id, seq FROM revisions WHERE json IS NULL AND live = 0)
       SELECT d.doc_id, d.seq, t.id, t.timestamp, t.author FROM d JOIN transactions t ON t.seq = d.seq ORDER BY d.seq DESC`,
    )
    .iterate()
  for (const row of rows) {
    const id = String(row.doc_id)
    const seq = Number(row.seq)
    yield {
      id,
      transactionId: String(row.id),
      timestamp: String(row.timestamp),
      author: String(row.author),
      before: () =>
        parse(dataset.sql(`SELECT ${REVISION_JSON} AS json FROM revisions WHERE doc_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1`).get(id, seq)?.json),
    }
  }
}

/**
 * The changes to `family` (a published id), its draft and its versions, oldest first, without
 * their documents: a revision is a deletion when it has no document and is not live, and a
 * change's previous revision is the document's revision before it (its `_rev` is the id of the
 * transaction that wrote it). Read in the revisions' key order (document, then seq): the
 * versions' keys are a range of it, and no document is read.
 */
export function readChangeHeads(dataset: LogDatabase, family: string): ChangeHead[] {
  const versions = startsWith('doc_id', VERSIONS_PREFIX)
  const rows = dataset
    .sql(
      `SELECT doc_id, r.seq, (json IS NULL AND live = 0) AS deleted, t.id, t.timestamp, t.author
       FROM revisions r JOIN transactions t ON t.seq = r.seq
       WHERE doc_id = ?1 OR doc_id = 'drafts.' || ?1
         OR (${versions.sql} AND substr(doc_id, -length(?1) - 1) = '.' || ?1)
       ORDER BY doc_id, r.seq`,
    )
    .iterate(family, ...versions.args)
  const heads: ChangeHead[] = []
  let previous: {id: string; deleted: boolean; rev: string} | null = null
  for (const row of rows) {
    const id = String(row.doc_id)
    const deleted = Number(row.deleted) === 1
    const before = previous?.id === id && !previous.deleted ? previous.rev : null
    const operation = before === null ? 'create' : deleted ? 'delete' : 'update'
    previous = {id, deleted, rev: String(row.id)}
    if (publishedId(id) !== family) continue
    heads.push({id, operation, previousRev: before, seq: Number(row.seq), transactionId: String(row.id), timestamp: String(row.timestamp), author: String(row.author)})
  }
  return heads.sort((a, b) => a.seq - b.seq)
}
