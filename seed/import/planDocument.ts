import {contentFields, hashValue, serializeFieldHashes, storedFieldHashes, type StoredDocument} from './fieldHashes.ts'

/** Where an editor's change was found. */
export type EditedIn = 'published' | 'draft' | 'unpublished'

export interface EditorChange {
  field: string
  editedIn: EditedIn
}

/** What the import will do to one document, and why. */
export interface DocumentPlan {
  id: string
  type: string
  action: 'create' | 'update' | 'unchanged' | 'kept'
  /** Fields to set on the published document (all content fields on create). */
  set: Record<string, unknown>
  unset: string[]
  /** Fields an editor changed that the import leaves alone (without `--replace`). */
  kept: EditorChange[]
  /** Fields an editor changed that `--replace` overwrites. */
  overwritten: EditorChange[]
  /** Patch for the draft: fields the editor did not touch follow the seed, and `--replace` fields. */
  draft?: {id: string; rev?: string; set: Record<string, unknown>; unset: string[]}
  /** `seedImport.fieldHashes` after the import. */
  fieldHashes: string
  /** The published document before the import (for diffs and `ifRevisionID`). */
  before: StoredDocument | null
  desired: StoredDocument
}

/**
 * Compares what the seed wants with the published document and its draft, field by field. A field
 * whose current value no longer matches the hash of what the seed last imported was changed by an
 * editor: it is kept (and reported) unless `replace` is set.
 */
export function planDocument(
  desired: StoredDocument,
  published: StoredDocument | null,
  draft: StoredDocument | null,
  replace: boolean,
  /** The hashes of `desired`'s fields when already computed (`prepareArticle`). */
  desiredHashes?: Record<string, string>,
): DocumentPlan {
  const plan: DocumentPlan = {id: desired._id, type: desired._type, action: 'unchanged', set: {}, unset: [], kept: [], overwritten: [], fieldHashes: '', before: published, desired}
  const previous = storedFieldHashes(published) ?? {}
  const next: Record<string, string> = {}
  const draftSet: Record<string, unknown> = {}
  const draftUnset: string[] = []
  if (!published && draft && !replace) {
    plan.action = 'kept'
    plan.kept.push({field: '*', editedIn: 'unpublished'})
    return plan
  }
  const fields = new Set([...contentFields(desired), ...Object.keys(previous)])
  for (const field of [...fields].sort()) {
    const value = desired[field]
    const wanted = desiredHashes ? desiredHashes[field] : hashValue(value)
    const last = previous[field]
    const current = published ? hashValue(published[field]) : undefined
    const inDraft = draft ? hashValue(draft[field]) : undefined
    const editedPublished = published !== null && (last !== undefined ? current !== last : current !== undefined && current !== wanted)
    const editedDraft = draft !== null && inDraft !== (published ? (last ?? current) : wanted)
    if (published && current === wanted && (!draft || inDraft === wanted)) {
      // Already what the seed wants, whoever wrote it: nothing to keep, nothing to write.
      if (wanted !== undefined) next[field] = wanted
      continue
    }
    if ((editedPublished || editedDraft) && !replace) {
      plan.kept.push({field, editedIn: editedPublished ? 'published' : 'draft'})
      if (last !== undefined) next[field] = last
      continue
    }
    if (editedPublished || editedDraft) plan.overwritten.push({field, editedIn: editedPublished ? 'published' : 'draft'})
    if (wanted !== undefined) next[field] = wanted
    if (current !== wanted || !published) {
      if (value === undefined) plan.unset.push(field)
      else plan.set[field] = value
    }
    if (draft && inDraft !== wanted) {
      if (value === undefined) draftUnset.push(field)
      else draftSet[field] = value
    }
  }
  plan.fieldHashes = serializeFieldHashes(next)
  if (draft && (Object.keys(draftSet).length > 0 || draftUnset.length > 0)) {
    plan.draft = {id: draft._id, rev: draft._rev, set: draftSet, unset: draftUnset}
  }
  const hashesChanged = published !== null && serializeFieldHashes(previous) !== plan.fieldHashes
  if (!published) plan.action = 'create'
  else if (Object.keys(plan.set).length > 0 || plan.unset.length > 0 || hashesChanged || plan.draft) plan.action = 'update'
  return plan
}
