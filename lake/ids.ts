/** Document id helpers shared by the store, perspectives and routes. */
import {randomFillSync} from 'node:crypto'

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Random bytes drawn 4 KB at a time: every transaction needs an id, and one draw per id is slow. */
const pool = new Uint8Array(4096)
let used = pool.length

/** A random id of `length` alphanumerics (Sanity-like document and transaction ids). */
export function randomId(length = 22): string {
  let id = ''
  for (let i = 0; i < length; i++) {
    if (used === pool.length) {
      randomFillSync(pool)
      used = 0
    }
    id += ID_ALPHABET[(pool[used++] ?? 0) % ID_ALPHABET.length]
  }
  return id
}

/**
 * What an id is, by Sanity's id rules (sanity.io/docs/ids):
 * - `published`: no dot at all; the only kind anonymous callers may read.
 * - `draft`: `drafts.<id>`; `version`: `versions.<release>.<id>`.
 * - `system`: `_.<path>`, documents the lake keeps itself (`_.releases.<id>`).
 * - `private`: any other dotted id (`secret.settings`): a path only token holders read.
 * - `malformed`: an empty id or segment, a prefix without a document id (`drafts.`, `versions.r`),
 *   a prefix twice (`drafts.drafts.x`), or `drafts`/`versions` as a later segment.
 */
export type IdKind = 'published' | 'draft' | 'version' | 'system' | 'private' | 'malformed'

/** The prefix of every release version's id: `versions.<release>.<id>`. */
export const VERSIONS_PREFIX = 'versions.'

/**
 * True when `id` is a release version's. A prefix test: the ids the lake stores are well formed
 * (data/mutate refuses malformed ones), and for them it answers what `idKind(id) === 'version'`
 * does, without splitting the id (raw queries ask it of every document they scan).
 */
export function isVersionId(id: string): boolean {
  return id.startsWith(VERSIONS_PREFIX)
}

/** Sanity keeps these segments for itself; anywhere but first they make an id malformed. */
const RESERVED_SEGMENTS = new Set(['drafts', 'versions'])

/** Classifies a document id (see `IdKind`). */
export function idKind(id: string): IdKind {
  if (!id.includes('.')) return id === '' ? 'malformed' : 'published'
  const segments = id.split('.')
  if (segments.some((segment) => segment === '')) return 'malformed'
  const [first] = segments
  const base = first === 'drafts' ? 1 : first === 'versions' ? 2 : 0
  if (segments.length <= base) return 'malformed'
  if (segments.slice(1).some((segment) => RESERVED_SEGMENTS.has(segment))) return 'malformed'
  if (first === 'drafts') return 'draft'
  if (first === 'versions') return 'version'
  return first === '_' ? 'system' : 'private'
}

/**
 * The id a document is grouped under (its published id): `drafts.x` and `versions.r.x` give
 * `x`; any other id, malformed ones included, maps to itself.
 */
export function publishedId(id: string): string {
  const kind = idKind(id)
  if (kind === 'draft') return id.slice('drafts.'.length)
  if (kind === 'version') return id.slice(id.indexOf('.', VERSIONS_PREFIX.length) + 1)
  return id
}

/** The prefix of the release documents the lake keeps (`_.releases.<release>`). */
export const RELEASE_DOCUMENT_PREFIX = '_.releases.'

/** The id of release `releaseId`'s document: `_.releases.<releaseId>`. */
export function releaseDocumentId(releaseId: string): string {
  return `${RELEASE_DOCUMENT_PREFIX}${releaseId}`
}

/** The release whose document `id` is (`_.releases.r` gives `r`); null for any other id. */
export function releaseIdOfDocument(id: string): string | null {
  return id.startsWith(RELEASE_DOCUMENT_PREFIX) ? id.slice(RELEASE_DOCUMENT_PREFIX.length) : null
}

/** The prefix of every version in release `releaseId`: `versions.<releaseId>.`. */
export function releaseVersionsPrefix(releaseId: string): string {
  return `${VERSIONS_PREFIX}${releaseId}.`
}

/** The id of document `id`'s version in release `releaseId`: `versions.<releaseId>.<id>`. */
export function versionId(releaseId: string, id: string): string {
  return releaseVersionsPrefix(releaseId) + id
}

/** The release a version belongs to (`versions.r.x` gives `r`); null for any id that is no version. */
export function releaseOf(id: string): string | null {
  return idKind(id) === 'version' ? id.slice(VERSIONS_PREFIX.length, id.indexOf('.', VERSIONS_PREFIX.length)) : null
}

/** True only for published ids: no dot, so no draft, version, system or private document. */
export function isPublishedId(id: string): boolean {
  return idKind(id) === 'published'
}
