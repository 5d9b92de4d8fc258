/**
 * What a query read, recorded while `runQuery` evaluates it, so the response can carry sync tags
 * (syncTags.ts). Recording is a side channel: it never changes which documents are read.
 */
import {publishedId} from './ids.ts'
import type {Constraints, LakeDocument} from './types.ts'

/** What one query read. */
export interface QueryReads {
  /** Published ids of the documents read. */
  ids: Set<string>
  /** Types whose documents were scanned (their membership matters). */
  types: Set<string>
  /** Types of the documents read (for the per-type fallback when too many were read). */
  readTypes: Set<string>
  /** A scan not narrowed by type or id: any change may matter. */
  everything: boolean
  /** The documents read, by `_id` as the result shows it; kept only when a source map is wanted. */
  documents?: Map<string, LakeDocument>
}

/** An empty record of reads. */
export function newQueryReads(options: {keepDocuments?: boolean} = {}): QueryReads {
  const reads: QueryReads = {ids: new Set(), types: new Set(), readTypes: new Set(), everything: false}
  if (options.keepDocuments) reads.documents = new Map()
  return reads
}

/**
 * Records a scan's documents and what the scan's membership depends on: its types, or, when
 * neither types nor ids narrow it, everything. Returns `docs` unchanged.
 */
export function recordScan(reads: QueryReads | undefined, docs: LakeDocument[], constraints?: Constraints): LakeDocument[] {
  if (!reads) return docs
  recordMembership(reads, constraints)
  // Once anything may matter the result gets the one `all` tag: naming documents is wasted work.
  if (!reads.everything || reads.documents) for (const doc of docs) recordRead(reads, doc)
  return docs
}

/** Records a count's membership dependency; returns `count` unchanged. */
export function recordCount(reads: QueryReads | undefined, constraints: Constraints, count: number): number {
  if (reads) recordMembership(reads, constraints)
  return count
}

/** Records a dereference: the id counts even when the document is missing (its creation matters). */
export function recordReference(reads: QueryReads | undefined, ref: string, doc: LakeDocument | null): LakeDocument | null {
  reads?.ids.add(publishedId(ref))
  return recordRead(reads, doc)
}

/** Records one document read; returns it unchanged. */
export function recordRead(reads: QueryReads | undefined, doc: LakeDocument | null): LakeDocument | null {
  if (!reads || !doc) return doc
  const id = typeof doc._originalId === 'string' ? doc._originalId : doc._id
  reads.ids.add(publishedId(id))
  reads.readTypes.add(doc._type)
  reads.documents?.set(doc._id, doc)
  return doc
}

function recordMembership(reads: QueryReads, constraints?: Constraints): void {
  if (constraints?.types) for (const type of constraints.types) reads.types.add(type)
  // An id list alone: the document tags already cover creation of those ids.
  else if (!constraints?.ids) reads.everything = true
}
