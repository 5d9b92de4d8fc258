/**
 * Perspectives: which documents a read sees. `raw` is everything, `published` hides drafts and
 * release versions, and overlay stacks (`drafts`, `rA,rB,drafts`) show, per published id, the
 * first existing document of the stack with `_id` rewritten and `_originalId` set.
 */
import {LakeError} from './errors.ts'
import {isPublishedId, isVersionId, publishedId, versionId} from './ids.ts'
import type {LakeDocument, Perspective} from './types.ts'

/** First API version whose default perspective is `published` (raw before). */
const PUBLISHED_DEFAULT_SINCE = '2025-02-19'

/**
 * Parses the `perspective` parameter (`a,b` or repeated values) for an API version.
 * Anonymous callers get the perspective they ask for over the documents they may read (`publicOnly`):
 * the hosted lake filters by read grants instead of refusing, so `drafts` shows them published documents.
 * @throws LakeError 400 for unknown or unsupported perspectives.
 */
export function parsePerspective(values: string[], apiVersion: string | null, anonymous: boolean): Perspective {
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean)
  const modern = isModern(apiVersion)
  const perspective: Perspective =
    names.length === 0 ? (modern ? {kind: 'published'} : {kind: 'raw', hideVersions: true}) : fromNames(names, modern)
  return anonymous ? {...perspective, publicOnly: true} : perspective
}

function fromNames(names: string[], modern: boolean): Perspective {
  if (names.length === 1 && names[0] === 'raw') return modern ? {kind: 'raw'} : {kind: 'raw', hideVersions: true}
  if (names.length === 1 && names[0] === 'published') return {kind: 'published'}
  if (names.length === 1 && (names[0] === 'drafts' || names[0] === 'previewDrafts')) {
    return {kind: 'stack', releases: [], drafts: true}
  }
  if (!modern) throw new LakeError(400, 'Complex perspectives are not supported for this version')
  const releases: string[] = []
  let drafts = false
  names.forEach((name, index) => {
    if (name === 'raw' || name === 'previewDrafts') {
      throw new LakeError(400, `The "${name}" perspective cannot be part of a perspective stack`)
    }
    if (name === 'published') {
      if (index !== names.length - 1) throw new LakeError(400, '"published" can only be the last perspective of a stack')
      return
    }
    if (name === 'drafts') drafts = true
    else if (/^[A-Za-z0-9_-]{1,64}$/.test(name)) releases.push(name)
    else throw new LakeError(400, `Invalid perspective "${name}"`)
  })
  if (releases.length === 0 && !drafts) return {kind: 'published'}
  return {kind: 'stack', releases, drafts}
}

function isModern(apiVersion: string | null): boolean {
  if (apiVersion === null || apiVersion === '1') return false
  if (apiVersion === 'X') return true
  return apiVersion >= PUBLISHED_DEFAULT_SINCE
}

/** The ids a published id can be stored under in this stack, highest priority first. */
export function stackIds(perspective: {releases: string[]; drafts: boolean}, id: string): string[] {
  const ids = perspective.releases.map((release) => versionId(release, id))
  if (perspective.drafts) ids.push(`drafts.${id}`)
  ids.push(id)
  return ids
}

/**
 * Resolves documents grouped by published id (all variants of one id together) to the view
 * of `perspective`. Group order is kept, so results are in the order of the input groups.
 */
export function* applyPerspective(perspective: Perspective, input: Iterable<LakeDocument>): Iterable<LakeDocument> {
  const documents = perspective.publicOnly ? onlyPublished(input) : input
  if (perspective.kind === 'raw') {
    for (const doc of documents) if (!perspective.hideVersions || !isVersionId(doc._id)) yield doc
    return
  }
  if (perspective.kind === 'published') {
    for (const doc of documents) if (publishedId(doc._id) === doc._id) yield doc
    return
  }
  let group: LakeDocument[] = []
  let groupId: string | null = null
  for (const doc of documents) {
    const id = publishedId(doc._id)
    if (id !== groupId && group.length > 0) {
      const chosen = choose(perspective, groupId!, group)
      if (chosen) yield chosen
      group = []
    }
    groupId = id
    group.push(doc)
  }
  if (group.length > 0) {
    const chosen = choose(perspective, groupId!, group)
    if (chosen) yield chosen
  }
}

function* onlyPublished(documents: Iterable<LakeDocument>): Iterable<LakeDocument> {
  for (const doc of documents) if (isPublishedId(doc._id)) yield doc
}

function choose(perspective: {releases: string[]; drafts: boolean}, id: string, group: LakeDocument[]): LakeDocument | null {
  for (const candidate of stackIds(perspective, id)) {
    const doc = group.find((item) => item._id === candidate)
    if (doc) return {...doc, _id: id, _originalId: doc._id}
  }
  return null
}
