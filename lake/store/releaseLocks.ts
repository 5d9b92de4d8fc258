/**
 * A scheduled release is locked, as on the hosted Content Lake (@sanity/client
 * `releases.schedule`: "The release is locked such that no documents in the release can be
 * modified and no documents that it references can be deleted as this would make the publish
 * fail"). Checked on the transaction's end state: the publish of the release (which leaves it
 * published) passes, and so does an unschedule and an edit in one transaction.
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

/**
 * @throws LakeError 409 `mutationError` when the transaction changes a version in a scheduled
 * release, or deletes a document a version in one references.
 */
export function checkReleaseLocks(writes: PendingWrite[], lookup: ReleaseLookup): void {
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

function lockedRelease(releaseId: string, release: LakeDocument): string {
  return `release "${releaseId}" is scheduled to publish at ${String(release.publishAt)}`
}
