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

/** `drafts.x` and `versions.r.x` give `x`; any other id is published and maps to itself. */
export function publishedId(id: string): string {
  if (id.startsWith('drafts.')) return id.slice('drafts.'.length)
  if (id.startsWith('versions.')) {
    const rest = id.slice('versions.'.length)
    const dot = rest.indexOf('.')
    return dot === -1 ? id : rest.slice(dot + 1)
  }
  return id
}

/** True for ids that are neither drafts nor release versions. */
export function isPublishedId(id: string): boolean {
  return publishedId(id) === id
}
