/**
 * `sanity.action.document.version.*`: create, discard, replace, unpublish.
 */
import {actionError} from '../errors.ts'
import {publishedId} from '../ids.ts'
import {checkRevision} from './document.ts'
import {contentOf, isRecord, requireObject, requireString, requireVersionOf, type Action, type Plan} from './plan.ts'

/** Creates a version from a full `document`, or by copying `baseId` to `versionId`. */
export function createVersion(plan: Plan, action: Action): void {
  const published = requireString(action, 'publishedId')
  if (isRecord(action.document)) {
    const id = requireString(action.document, '_id')
    requireVersionOf(id, published, 'document._id')
    if (plan.get(id)) throw actionError(409, `Version "${id}" already exists`)
    plan.emit({create: {...action.document, _id: id}})
    return
  }
  const baseId = requireString(action, 'baseId')
  const versionId = requireString(action, 'versionId')
  requireVersionOf(versionId, published, 'versionId')
  if (publishedId(baseId) !== published) {
    throw actionError(400, `"baseId" must belong to "${published}", got "${baseId}"`)
  }
  const base = plan.get(baseId)
  if (!base) throw actionError(409, `Cannot create "${versionId}": the base document "${baseId}" does not exist`)
  checkRevision(base, action.ifBaseRevisionId, baseId)
  if (plan.get(versionId)) throw actionError(409, `Version "${versionId}" already exists`)
  plan.emit({create: contentOf(base, versionId)})
}

/** Deletes a draft or version. */
export function discardVersion(plan: Plan, action: Action): void {
  const versionId = requireString(action, 'versionId')
  if (publishedId(versionId) === versionId) {
    throw actionError(400, `"versionId" must be a draft or version id, got "${versionId}"`)
  }
  if (!plan.get(versionId)) throw actionError(409, `Cannot discard "${versionId}": it does not exist`)
  plan.emit({delete: {id: versionId}})
}

/** Replaces an existing draft or version with `document`. */
export function replaceVersion(plan: Plan, action: Action): void {
  const document = requireObject(action, 'document')
  const id = requireString(document, '_id')
  if (publishedId(id) === id) throw actionError(400, `"document._id" must be a draft or version id, got "${id}"`)
  if (!plan.get(id)) throw actionError(409, `Cannot replace "${id}": it does not exist`)
  plan.emit({createOrReplace: {...document, _id: id}})
}

/** Marks a version to unpublish the document when its release publishes (`_system.delete`). */
export function unpublishVersion(plan: Plan, action: Action): void {
  const published = requireString(action, 'publishedId')
  const versionId = requireString(action, 'versionId')
  requireVersionOf(versionId, published, 'versionId')
  const current = plan.get(published)
  if (!current) throw actionError(409, `Cannot unpublish "${published}" in a release: it is not published`)
  if (plan.get(versionId)) {
    plan.emit({patch: {id: versionId, setIfMissing: {_system: {}}, set: {'_system.delete': true}}})
  } else {
    plan.emit({create: {...contentOf(current, versionId), _system: {delete: true}}})
  }
}
