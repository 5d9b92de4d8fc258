/** Document id helpers shared by the store, perspectives and routes. */
import {randomBytes} from 'node:crypto'

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** A random id of `length` alphanumerics (Sanity-like document and transaction ids). */
export function randomId(length = 22): string {
  const bytes = randomBytes(length)
  let id = ''
  for (const byte of bytes) id += ID_ALPHABET[byte % ID_ALPHABET.length]
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
