/** Records one applied transaction in the open SQLite transaction: log entry, documents, revisions, references. */
import type {StatementSync} from 'node:sqlite'
import {documentJson} from '../documentLimits.ts'
import {publishedId} from '../ids.ts'
import {writeReferences} from './references.ts'
import type {DocumentChange, Mutation, Transaction} from '../types.ts'

/**
 * Writes the transaction's log row, the documents it changed (upsert or delete) and one revision
 * row per changed document. The caller owns BEGIN/COMMIT.
 *
 * A document's JSON is stored once per revision, not twice: the newest revision of a document
 * that exists is `live` and reads its JSON from `documents`; when a later revision supersedes it,
 * SQLite copies that JSON into the revision row (no round trip through JavaScript). A create
 * therefore writes its document once, which is most of what a seed import writes; its entry in
 * the transaction log refers to that document instead of repeating it (`encodeTransactionMutations`).
 */
export function writeTransaction(sql: (text: string) => StatementSync, transaction: Transaction): void {
  sql('INSERT INTO transactions (seq, id, timestamp, author, mutations) VALUES (?, ?, ?, ?, ?)').run(
    transaction.seq,
    transaction.id,
    transaction.timestamp,
    transaction.author,
    encodeTransactionMutations(transaction),
  )
  for (const change of transaction.changes) {
    if (change.before) {
      // Only a document's newest revision can be live: found by a seek on the key, where testing
      // `live` on each of its revisions read every one of them (JSON included) at each write.
      sql(
        `UPDATE revisions SET json = (SELECT json FROM documents WHERE id = ?1), live = 0
         WHERE doc_id = ?1 AND seq = (SELECT max(seq) FROM revisions WHERE doc_id = ?1) AND live = 1`,
      ).run(change.id)
    }
    if (change.after) {
      sql(
        `INSERT INTO documents (id, pub_id, type, rev, json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, rev = excluded.rev, json = excluded.json`,
      ).run(change.id, publishedId(change.id), change.after._type, change.after._rev ?? '', documentJson(change.after))
    } else {
      sql('DELETE FROM documents WHERE id = ?').run(change.id)
    }
    writeReferences(sql, change.id, change.before, change.after)
    sql('INSERT INTO revisions (doc_id, seq, json, mutations, live) VALUES (?, ?, NULL, ?, ?)').run(
      change.id,
      transaction.seq,
      encodeMutations(change),
      change.after ? 1 : 0,
    )
  }
}

const CREATE_KINDS = new Set(['create', 'createOrReplace', 'createIfNotExists'])
/** What the lake adds to a created document: without them it is the mutation's body again. */
const WRITTEN_KEYS = new Set(['_rev', '_updatedAt'])
const WRITTEN_KEYS_AND_CREATED = new Set([...WRITTEN_KEYS, '_createdAt'])

/**
 * The document's mutations as stored in its revision row. A create-like mutation whose body is
 * the resulting document without `_rev`/`_updatedAt` (what `applyMutations` records for the last
 * write of a document) is stored as its bare kind, e.g. `"create"`, instead of a second copy of
 * the document; `decodeMutations` rebuilds it from the revision's document.
 */
function encodeMutations(change: DocumentChange): string {
  const last = change.mutations.length - 1
  return JSON.stringify(
    change.mutations.map((mutation, index) => {
      const created = index === last ? createOf(mutation) : null
      return created && isWrittenFrom(created.body, change.after, WRITTEN_KEYS) ? created.kind : mutation
    }),
  )
}

/** The inverse of `encodeMutations`, given the revision's document (`after`). */
export function decodeMutations(stored: string, after: DocumentChange['after']): Mutation[] {
  const entries = JSON.parse(stored) as Array<Mutation | string>
  return entries.map((entry) => (typeof entry === 'string' ? {[entry]: withoutKeys(after, WRITTEN_KEYS)} : entry))
}

/**
 * The transaction's mutations as stored in its log row. A create-like mutation that was the only
 * write to its document, and whose body is that document as created (the lake only added
 * `_createdAt`, `_rev` and `_updatedAt`), is stored as `[kind, id, bodyHadCreatedAt]` instead of a
 * second copy of the document; `decodeTransactionMutations` rebuilds it from the revision.
 */
function encodeTransactionMutations(transaction: Transaction): string {
  const changes = new Map(transaction.changes.map((change) => [change.id, change]))
  return JSON.stringify(
    transaction.mutations.map((mutation) => {
      const created = createOf(mutation)
      const change = typeof created?.body._id === 'string' ? changes.get(created.body._id) : undefined
      if (!created || !change || change.mutations.length !== 1) return mutation
      const hadCreatedAt = '_createdAt' in created.body
      const written = isWrittenFrom(created.body, change.after, hadCreatedAt ? WRITTEN_KEYS : WRITTEN_KEYS_AND_CREATED)
      return written ? [created.kind, change.id, hadCreatedAt ? 1 : 0] : mutation
    }),
  )
}

/** The inverse of `encodeTransactionMutations`, given the transaction's document changes. */
export function decodeTransactionMutations(stored: string, changes: DocumentChange[]): Mutation[] {
  const entries = JSON.parse(stored) as Array<Mutation | [string, string, number]>
  return entries.map((entry) => {
    if (!Array.isArray(entry)) return entry
    const [kind, id, hadCreatedAt] = entry
    const after = changes.find((change) => change.id === id)?.after ?? null
    return {[kind]: withoutKeys(after, hadCreatedAt ? WRITTEN_KEYS : WRITTEN_KEYS_AND_CREATED)}
  })
}

/** The kind and body of a create-like mutation, or null for any other. */
function createOf(mutation: Mutation): {kind: string; body: Record<string, unknown>} | null {
  const kinds = Object.keys(mutation)
  const kind = kinds[0]
  const body = kind === undefined ? undefined : mutation[kind]
  return kinds.length === 1 && kind !== undefined && CREATE_KINDS.has(kind) && isRecord(body) ? {kind, body} : null
}

/** True when `after` without `omit` is `body`: the same keys in the same order, holding the very same values. */
function isWrittenFrom(body: Record<string, unknown>, after: DocumentChange['after'], omit: Set<string>): boolean {
  if (!after) return false
  const keys = Object.keys(body)
  const expected = Object.keys(after).filter((key) => !omit.has(key))
  return keys.length === expected.length && keys.every((key, i) => expected[i] === key && body[key] === after[key])
}

function withoutKeys(document: DocumentChange['after'], omit: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document ?? {}).filter(([key]) => !omit.has(key)))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
