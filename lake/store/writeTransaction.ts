/** Records one applied transaction in the open SQLite transaction: log entry, documents, revisions. */
import type {StatementSync} from 'node:sqlite'
import {documentJson} from '../documentLimits.ts'
import {publishedId} from '../ids.ts'
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
      sql('UPDATE revisions SET json = (SELECT json FROM documents WHERE id = ?1), live = 0 WHERE doc_id = ?1 AND live = 1').run(change.id)
    }
    if (change.after) {
      sql(
        `INSERT INTO documents (id, pub_id, type, rev, json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, rev = excluded.rev, json = excluded.json`,
      ).run(change.id, publishedId(change.id), change.after._type, change.after._rev ?? '', documentJson(change.after))
    } else {
      sql('DELETE FROM documents WHERE id = ?').run(change.id)
    }
    sql('INSERT INTO revisions (doc_id, seq, json, mutations, live) VALUES (?, ?, NULL, ?, ?)').run(
      change.id,
      transaction.seq,
      encodeMutations(change),
      change.after ? 1 : 0,
    )
  }
}

const CREATE_KINDS = new Set(['create', 'createOrReplace', 'createIfNotExists'])

/**
 * The document's mutations as stored in its revision row. A create-like mutation whose body is
 * the resulting document without `_rev`/`_updatedAt` (what `applyMutations` records for the last
 * write of a document) is stored as its bare kind, e.g. `"create"`, instead of a second copy of
 * the document; `decodeMutations` rebuilds it from the revision's document.
 */
function encodeMutations(change: DocumentChange): string {
  const last = change.mutations.length - 1
  return JSON.stringify(change.mutations.map((mutation, index) => (index === last && isAfterAsCreated(mutation, change.after) ? Object.keys(mutation)[0] : mutation)))
}

function isAfterAsCreated(mutation: Mutation, after: DocumentChange['after']): boolean {
  const kinds = Object.keys(mutation)
  const kind = kinds[0]
  if (!after || kinds.length !== 1 || kind === undefined || !CREATE_KINDS.has(kind)) return false
  const body = (mutation as Record<string, unknown>)[kind]
  if (typeof body !== 'object' || body === null) return false
  const bodyKeys = Object.keys(body)
  const afterKeys = Object.keys(after).filter((key) => key !== '_rev' && key !== '_updatedAt')
  return (
    bodyKeys.length === afterKeys.length &&
    bodyKeys.every((key, i) => afterKeys[i] === key && (body as Record<string, unknown>)[key] === after[key])
  )
}

/** The inverse of `encodeMutations`, given the revision's document (`after`). */
export function decodeMutations(stored: string, after: DocumentChange['after']): Mutation[] {
  const entries = JSON.parse(stored) as Array<Mutation | string>
  return entries.map((entry) => {
    if (typeof entry !== 'string') return entry
    const {_rev: _omitRev, _updatedAt: _omitUpdated, ...body} = after ?? {}
    return {[entry]: body} as Mutation
  })
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
      const kind = Object.keys(mutation)[0]
      const body = kind === undefined ? undefined : (mutation as Record<string, unknown>)[kind]
      if (kind === undefined || Object.keys(mutation).length !== 1 || !CREATE_KINDS.has(kind) || !isRecord(body)) return mutation
      const change = typeof body._id === 'string' ? changes.get(body._id) : undefined
      if (!change?.after || change.mutations.length !== 1) return mutation
      const hadCreatedAt = '_createdAt' in body
      const expected = Object.keys(change.after).filter((key) => key !== '_rev' && key !== '_updatedAt' && (hadCreatedAt || key !== '_createdAt'))
      const keys = Object.keys(body)
      const same = keys.length === expected.length && keys.every((key, i) => expected[i] === key && body[key] === change.after?.[key])
      return same ? [kind, change.id, hadCreatedAt ? 1 : 0] : mutation
    }),
  )
}

/** The inverse of `encodeTransactionMutations`, given the transaction's document changes. */
export function decodeTransactionMutations(stored: string, changes: DocumentChange[]): Mutation[] {
  const entries = JSON.parse(stored) as Array<Mutation | [string, string, number]>
  return entries.map((entry) => {
    if (!Array.isArray(entry)) return entry
    const [kind, id, hadCreatedAt] = entry
    const after: Record<string, unknown> = changes.find((change) => change.id === id)?.after ?? {}
    const {_rev: _omitRev, _updatedAt: _omitUpdated, ...body} = after
    if (!hadCreatedAt) delete body._createdAt
    return {[kind]: body} as Mutation
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
