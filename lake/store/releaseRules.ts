/**
 * What the hosted Content Lake keeps true of releases, checked on a transaction's end state:
 * - a release holds at most MAX_RELEASE_DOCUMENTS documents (sanity.io/docs/content-lake/content-release-document-flow);
 * - a scheduled release is locked (@sanity/client `releases.schedule`: "The release is locked such
 *   that no documents in the release can be modified and no documents that it references can be
 *   deleted as this would make the publish fail"). The publish of the release (which leaves it
 *   published) passes, and so does an unschedule and an edit in one transaction.
 */
import {mutationError} from '../errors.ts'
import {idKind} from '../ids.ts'
import type {LakeDocument} from '../types.ts'
import {referencesOnPublish, type PendingWrite} from './references.ts'

/** What the check reads, each as the transaction leaves it. */
export interface ReleaseLookup {
  get(id: string): LakeDocument | null
  /** Ids of the documents whose id starts with `prefix`. */
  idsWithPrefix(prefix: string): string[]
}

const RELEASE_PREFIX = '_.releases.'
/** The most documents one release holds. */
export const MAX_RELEASE_DOCUMENTS = 1000

/**
 * @throws LakeError 409 `mutationError` when the transaction fills a release past
 * MAX_RELEASE_DOCUMENTS, changes a version in a scheduled release, or deletes a document a version
 * in one references.
 */
export function checkReleaseRules(writes: PendingWrite[], lookup: ReleaseLookup): void {
  checkReleaseSizes(writes, lookup)
  const scheduled = (releaseId: string): LakeDocument | null => {
    const release = lookup.get(RELEASE_PREFIX + releaseId)
    return release?.state === 'scheduled' ? release : null
  }
  const deleted = new Set<string>()
  for (const write of writes) {
    if (write.before && !write.after) deleted.add(write.id)
    if (idKind(write.id) !== 'version') continue
    const releaseId = write.id.split('.')[1] ?? ''
    const release = scheduled(releaseId)
    if (release) {
      throw mutationError(409, `Document "${write.id}" cannot be changed: ${lockedRelease(releaseId, release)}; unschedule it to change its documents`)
    }
  }
  if (deleted.size === 0) return
  for (const releaseDocId of lookup.idsWithPrefix(RELEASE_PREFIX)) {
    const releaseId = releaseDocId.slice(RELEASE_PREFIX.length)
    const release = scheduled(releaseId)
    if (!release) continue
    for (const versionId of lookup.idsWithPrefix(`versions.${releaseId}.`)) {
      const version = lookup.get(versionId)
      const target = version && referencesOnPublish(version).find((id) => deleted.has(id))
      if (!target) continue
      throw mutationError(409, `Document "${target}" cannot be deleted: "${versionId}" references it and ${lockedRelease(releaseId, release)}; unschedule it first`)
    }
  }
}

/** Counted only for releases the transaction adds documents to: an edit of a version never counts. */
function checkReleaseSizes(writes: PendingWrite[], lookup: ReleaseLookup): void {
  const filled = new Set<string>()
  for (const write of writes) {
    if (!write.before && write.after && idKind(write.id) === 'version') filled.add(write.id.split('.')[1] ?? '')
  }
  for (const releaseId of filled) {
    const count = lookup.idsWithPrefix(`versions.${releaseId}.`).length
    if (count <= MAX_RELEASE_DOCUMENTS) continue
    throw mutationError(
      409,
      `Release "${releaseId}" would hold ${count} documents; a release holds at most ${MAX_RELEASE_DOCUMENTS}: put the rest in another release`,
    )
  }
}

function lockedRelease(releaseId: string, release: LakeDocument): string {
  return `release "${releaseId}" is scheduled to publish at ${String(release.publishAt)}`
}
