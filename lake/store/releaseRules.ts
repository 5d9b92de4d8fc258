/**
 * What the hosted Content Lake keeps true of releases, checked on a transaction's end state:
 * - a release holds at most MAX_RELEASE_DOCUMENTS documents and MAX_RELEASE_BYTES of their JSON
 *   (sanity.io/docs/content-lake/content-release-document-flow: 1,000 documents, 100 MB, and
 *   technical-limits: "1 MB is 1,000,000 bytes");
 * - a scheduled release is locked (@sanity/client `releases.schedule`: "The release is locked such
 *   that no documents in the release can be modified and no documents that it references can be
 *   deleted as this would make the publish fail"). The publish of the release (which leaves it
 *   published) passes, and so does an unschedule and an edit in one transaction.
 */
import {mutationError} from '../errors.ts'
import {RELEASE_DOCUMENT_PREFIX, releaseDocumentId, releaseIdOfDocument, releaseOf, releaseVersionsPrefix} from '../ids.ts'
import type {LakeDocument} from '../types.ts'
import {referencesOnPublish, type PendingWrite} from './references.ts'

/** What the check reads, each as the transaction leaves it. */
export interface ReleaseLookup {
  get(id: string): LakeDocument | null
  /** Ids of the documents whose id starts with `prefix`. */
  idsWithPrefix(prefix: string): string[]
  /** The bytes of JSON of the documents whose id starts with `prefix`, before the transaction and after it. */
  bytesWithPrefix(prefix: string): {before: number; after: number}
}

/** The most documents one release holds. */
export const MAX_RELEASE_DOCUMENTS = 1000
/** The most bytes of JSON the documents of one release hold together. */
export const MAX_RELEASE_BYTES = 100_000_000

/**
 * @throws LakeError 409 `mutationError` when the transaction fills a release past
 * MAX_RELEASE_DOCUMENTS, changes a version in a scheduled release, or deletes a document a version
 * in one references.
 */
export function checkReleaseRules(writes: PendingWrite[], lookup: ReleaseLookup): void {
  checkReleaseSizes(writes, lookup)
  /** The release `releaseId` names, when it is scheduled (null for no release id). */
  const scheduled = (releaseId: string | null): ScheduledRelease | null => {
    if (releaseId === null) return null
    const release = lookup.get(releaseDocumentId(releaseId))
    return release?.state === 'scheduled' ? {releaseId, release} : null
  }
  const deleted = new Set<string>()
  for (const write of writes) {
    if (write.before && !write.after) deleted.add(write.id)
    const locked = scheduled(releaseOf(write.id))
    if (locked) throw mutationError(409, `Document "${write.id}" cannot be changed: ${lockedRelease(locked)}; unschedule it to change its documents`)
  }
  if (deleted.size === 0) return
  for (const releaseDocId of lookup.idsWithPrefix(RELEASE_DOCUMENT_PREFIX)) {
    const locked = scheduled(releaseIdOfDocument(releaseDocId))
    if (!locked) continue
    for (const versionId of lookup.idsWithPrefix(releaseVersionsPrefix(locked.releaseId))) {
      const version = lookup.get(versionId)
      const target = version && referencesOnPublish(version).find((id) => deleted.has(id))
      if (!target) continue
      throw mutationError(409, `Document "${target}" cannot be deleted: "${versionId}" references it and ${lockedRelease(locked)}; unschedule it first`)
    }
  }
}

/**
 * Documents are counted for releases the transaction adds documents to, bytes for those it writes
 * a version of: a full release may still have its versions edited, and one past the bytes (made
 * before this check) made smaller.
 */
function checkReleaseSizes(writes: PendingWrite[], lookup: ReleaseLookup): void {
  const added = new Set<string>()
  const written = new Set<string>()
  for (const write of writes) {
    const releaseId = releaseOf(write.id)
    if (!write.after || releaseId === null) continue
    written.add(releaseId)
    if (!write.before) added.add(releaseId)
  }
  for (const releaseId of written) {
    const prefix = releaseVersionsPrefix(releaseId)
    const count = added.has(releaseId) ? lookup.idsWithPrefix(prefix).length : 0
    if (count > MAX_RELEASE_DOCUMENTS) {
      throw mutationError(
        409,
        `Release "${releaseId}" would hold ${count} documents; a release holds at most ${MAX_RELEASE_DOCUMENTS}: put the rest in another release`,
      )
    }
    const bytes = lookup.bytesWithPrefix(prefix)
    if (bytes.after > MAX_RELEASE_BYTES && bytes.after > bytes.before) {
      throw mutationError(
        409,
        `Release "${releaseId}" would hold ${bytes.after} bytes of documents; a release holds at most ${MAX_RELEASE_BYTES} (100 MB): put some of them in another release`,
      )
    }
  }
}

/** A scheduled release and its document. */
interface ScheduledRelease {
  releaseId: string
  release: LakeDocument
}

function lockedRelease({releaseId, release}: ScheduledRelease): string {
  return `release "${releaseId}" is scheduled to publish at ${String(release.publishAt)}`
}
