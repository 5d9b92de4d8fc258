/**
 * Referential integrity, as the hosted Content Lake keeps it: a strong reference (`_ref` without
 * `_weak: true`) must point at a document that exists, and a document that strong references point
 * at cannot be deleted. The `refs` table holds every strong reference (source, target), kept by
 * `writeTransaction`, so a delete is checked with one indexed lookup.
 */
import type {DatabaseSync, StatementSync} from 'node:sqlite'
import {mutationError} from '../errors.ts'
import {strengthensOnPublish} from '../strengthenOnPublish.ts'
import type {LakeDocument} from '../types.ts'

/**
 * The targets found in each document walked, kept for the document: a written document is walked
 * by the check at the end of its transaction and again when its references are recorded.
 * Documents are never mutated once written (as `documentJson` in documentLimits.ts relies on too).
 */
const walked = new WeakMap<LakeDocument, string[]>()

/** The targets of the strong references anywhere in `doc` (its own id excluded), each once. */
export function strongReferences(doc: LakeDocument): string[] {
  let targets = walked.get(doc)
  if (!targets) {
    targets = findStrongReferences(doc)
    walked.set(doc, targets)
  }
  return targets
}

/**
 * The targets of the references in `doc` that are strong once it is published: strong ones, and
 * weak ones publishing strengthens (`strengthensOnPublish`).
 */
export function referencesOnPublish(doc: LakeDocument): string[] {
  return findStrongReferences(doc, true)
}

function findStrongReferences(doc: LakeDocument, onPublish = false): string[] {
  const targets = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (typeof value !== 'object' || value === null) return
    const record = value as Record<string, unknown>
    if (typeof record._ref === 'string' && (record._weak !== true || (onPublish && strengthensOnPublish(record)))) targets.add(record._ref)
    for (const key in record) if (key !== '_ref') visit(record[key])
  }
  visit(doc)
  return [...targets]
}

/**
 * Brings the references recorded for `id` from those of `before` to those of `after` (none when
 * deleted). Most writes keep a document's references as they were, and then touch no row.
 */
export function writeReferences(
  sql: (text: string) => StatementSync,
  id: string,
  before: LakeDocument | null,
  after: LakeDocument | null,
): void {
  const old = new Set(before ? strongReferences(before) : [])
  const next = new Set(after ? strongReferences(after) : [])
  for (const target of old) if (!next.has(target)) sql('DELETE FROM refs WHERE target = ? AND source = ?').run(target, id)
  for (const target of next) if (!old.has(target)) sql('INSERT OR IGNORE INTO refs (target, source) VALUES (?, ?)').run(target, id)
}

/** Fills `refs` from the stored documents (a dataset file written before the table existed). */
export function indexAllReferences(db: DatabaseSync): void {
  const insert = db.prepare('INSERT OR IGNORE INTO refs (target, source) VALUES (?, ?)')
  for (const row of db.prepare('SELECT id, json FROM documents').iterate()) {
    const doc = JSON.parse(String(row.json)) as LakeDocument
    for (const target of strongReferences(doc)) insert.run(target, String(row.id))
  }
}

/** What a transaction changed, as the check needs it. */
export interface PendingWrite {
  id: string
  before: LakeDocument | null
  after: LakeDocument | null
  /** Index of the transaction's last mutation that wrote the document (error items point at it). */
  index: number
}

export interface ReferenceLookup {
  /** Whether the document exists before the transaction. */
  exists(id: string): boolean
  /** Ids of stored documents with a strong reference to `id`, before the transaction. */
  referencing(id: string): string[]
}

/**
 * Checks the transaction's end state: each written document's strong references point at
 * documents that exist, and no remaining document strongly references a deleted one.
 * @throws LakeError 409 `mutationError` with one item per problem, as the hosted API reports them.
 */
export function checkReferences(writes: PendingWrite[], lookup: ReferenceLookup): void {
  const written = new Map(writes.map((write) => [write.id, write]))
  const existsAfter = (id: string) => (written.has(id) ? written.get(id)?.after != null : lookup.exists(id))
  const items: unknown[] = []
  for (const write of writes) {
    if (!write.after) continue
    const missing = strongReferences(write.after).find((target) => !existsAfter(target))
    if (missing === undefined) continue
    const description = `Document "${write.id}" references non-existent document "${missing}"`
    items.push({error: {description, id: write.id, referenceID: missing, type: 'documentReferenceDoesNotExistError'}, index: write.index})
  }
  // Who references what among the written documents, found once: asked per deletion, a
  // transaction of n deletions and n writes walked n x n documents.
  const writtenReferences = new Map<string, string[]>()
  for (const other of written.values()) {
    if (!other.after) continue
    for (const target of strongReferences(other.after)) {
      const sources = writtenReferences.get(target)
      if (sources) sources.push(other.id)
      else writtenReferences.set(target, [other.id])
    }
  }
  for (const write of writes) {
    if (write.after || !write.before) continue
    const stillReferencing = lookup
      .referencing(write.id)
      .filter((source) => source !== write.id && !written.has(source))
    for (const source of writtenReferences.get(write.id) ?? []) if (source !== write.id) stillReferencing.push(source)
    if (stillReferencing.length === 0) continue
    const description = `Document "${write.id}" cannot be deleted as there are references to it from "${stillReferencing[0]}"`
    items.push({
      error: {description, id: write.id, referencingIDs: stillReferencing, type: 'documentHasExistingReferencesError'},
      index: write.index,
    })
  }
  if (items.length > 0) throw mutationError(409, `Mutation(s) failed with ${items.length} error(s)`, items)
}
