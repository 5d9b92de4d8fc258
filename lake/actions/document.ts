/**
 * `sanity.action.document.*`: create, edit, publish, unpublish, delete, discard, replaceDraft.
 */
import {actionError} from '../errors.ts'
import {idKind, isPublishedId} from '../ids.ts'
import {strengthensOnPublish} from '../strengthenOnPublish.ts'
import type {LakeDocument} from '../types.ts'
import {contentOf, requireObject, requireString, requireVersionOf, type Action, type Plan} from './plan.ts'

/**
 * Creates a draft (or version) from `attributes`; `ifExists: 'ignore'` makes an existing id a no-op.
 * Never the published document itself: the action creates drafts (the client's `CreateAction`),
 * and the Studio writes a published id (live edit) through `data/mutate`, not through actions.
 * A draft only of a document not published yet: the Studio makes the draft of a published one
 * by `document.edit`, which copies it (the client's `CreateAction`: "The published version of the
 * document must not already exist").
 */
export function createDocument(plan: Plan, action: Action): void {
  const published = requireString(action, 'publishedId')
  const attributes = requireObject(action, 'attributes')
  const id = typeof attributes._id === 'string' ? attributes._id : `drafts.${published}`
  requireVersionOf(id, published, 'attributes._id')
  // A system id (`_.releases.x`) is no published document: index.ts refuses it as reserved.
  if (idKind(id) === 'draft' && isPublishedId(published) && plan.get(published)) {
    throw actionError(409, `Cannot create "${id}": "${published}" is published; "sanity.action.document.edit" makes its draft`)
  }
  if (plan.get(id)) {
    if (action.ifExists === 'ignore') return
    throw actionError(409, `Document "${id}" already exists`)
  }
  plan.emit({create: {...attributes, _id: id}})
}

/** Patches the draft, copying the published document into it first when the draft is missing. */
export function editDocument(plan: Plan, action: Action): void {
  const published = requireString(action, 'publishedId')
  const draftId = requireString(action, 'draftId')
  requireVersionOf(draftId, published, 'draftId')
  const patch = requireObject(action, 'patch')
  if (!plan.get(draftId)) {
    const base = plan.get(published)
    if (!base) {
      throw actionError(409, `Cannot edit "${draftId}": neither it nor the published document "${published}" exists`)
    }
    plan.emit({createIfNotExists: contentOf(base, draftId)})
  }
  const {id: _id, query: _query, ...operations} = patch
  plan.emit({patch: {...operations, id: draftId}})
}

/** Copies the draft or version to the published id and deletes it. */
export function publishDocument(plan: Plan, action: Action): void {
  const published = requireString(action, 'publishedId')
  const draftId = requireString(action, 'draftId')
  requireVersionOf(draftId, published, 'draftId')
  const draft = plan.get(draftId)
  if (!draft) throw actionError(409, `Cannot publish "${draftId}": it does not exist`)
  const current = plan.get(published)
  checkRevision(current, action.ifPublishedRevisionId, published)
  checkRevision(draft, action.ifDraftRevisionId, draftId)
  plan.emit({createOrReplace: publishedContent(draft, published)}, {delete: {id: draftId}})
}

/** Moves the published document back to a draft (kept when it already exists). */
export function unpublishDocument(plan: Plan, action: Action): void {
  const published = requireString(action, 'publishedId')
  const draftId = requireString(action, 'draftId')
  requireVersionOf(draftId, published, 'draftId')
  const current = plan.get(published)
  if (!current) throw actionError(409, `Cannot unpublish "${published}": it is not published`)
  if (!plan.get(draftId)) plan.emit({createIfNotExists: contentOf(current, draftId)})
  plan.emit({delete: {id: published}})
}

/** Deletes the published document, its draft and the listed drafts/versions. */
export function deleteDocument(plan: Plan, action: Action): void {
  const published = requireString(action, 'publishedId')
  const listed = Array.isArray(action.includeDrafts) ? action.includeDrafts : []
  const ids = new Set([published, `drafts.${published}`])
  for (const id of listed) {
    if (typeof id !== 'string') throw actionError(400, '"includeDrafts" must be an array of ids')
    requireVersionOf(id, published, 'includeDrafts')
    ids.add(id)
  }
  const existing = [...ids].filter((id) => plan.get(id))
  if (existing.length === 0) throw actionError(409, `Cannot delete "${published}": it does not exist`)
  plan.emit(...existing.map((id) => ({delete: {id}})))
}

/** Deletes a draft (legacy `document.discard`). */
export function discardDocument(plan: Plan, action: Action): void {
  const draftId = requireString(action, 'draftId')
  if (!plan.get(draftId)) throw actionError(409, `Cannot discard "${draftId}": it does not exist`)
  plan.emit({delete: {id: draftId}})
}

/** Replaces the draft with `attributes` (restore); the draft or the published document must exist. */
export function replaceDraft(plan: Plan, action: Action): void {
  const published = requireString(action, 'publishedId')
  const attributes = requireObject(action, 'attributes')
  const id = typeof attributes._id === 'string' ? attributes._id : `drafts.${published}`
  requireVersionOf(id, published, 'attributes._id')
  if (!plan.get(id) && !plan.get(published)) {
    throw actionError(409, `Cannot replace the draft of "${published}": the document does not exist`)
  }
  plan.emit({createOrReplace: {...attributes, _id: id}})
}

/**
 * Compares an expected revision with the document's.
 * @throws LakeError 409 on mismatch (a missing document has no revision).
 */
export function checkRevision(doc: LakeDocument | null, expected: unknown, id: string): void {
  if (expected === undefined || expected === null) return
  if (doc?._rev !== expected) {
    throw actionError(409, `Document "${id}" has revision "${doc?._rev ?? 'none'}", expected "${String(expected)}"`)
  }
}

/**
 * What publishing a draft or version writes to the published id: its content without the
 * version-only system fields (`_system.delete`), with the references the Studio made weak until
 * publish (`_strengthenOnPublish`) made strong, unless the schema wants them weak
 * (`_strengthenOnPublish.weak`). The reference check then fails the publish when a target is not
 * published.
 */
export function publishedContent(doc: LakeDocument, published: string): LakeDocument {
  const {_system: _dropped, ...rest} = contentOf(doc, published)
  return strengthened(rest) as LakeDocument
}

function strengthened(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strengthened)
  if (typeof value !== 'object' || value === null) return value
  const record = value as Record<string, unknown>
  const {_strengthenOnPublish: _mark, ...rest} = record
  if (strengthensOnPublish(record)) delete rest._weak
  for (const key of Object.keys(rest)) rest[key] = strengthened(rest[key])
  return rest
}
