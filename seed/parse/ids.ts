import {hash} from 'node:crypto'

// One slug rule for the seed and the Studio's "Generate" button.
export {slugify} from '../../schemas/contentRules.ts'

/** 16 hex digits (64 bits): collisions stay negligible for millions of sources. */
const ID_HASH_LENGTH = 16
/** 12 hex digits: keys only need to be unique within one array. */
const KEY_LENGTH = 12

/** Hex SHA-256 of a string. */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex')
}

/** A short stable hash for document ids, e.g. `source-<hash>`. */
export function idHash(text: string): string {
  return sha256(text).slice(0, ID_HASH_LENGTH)
}

/** The `_key` of an array item: derived from the article id and the item's position, never random. */
export function itemKey(articleId: string, path: string): string {
  return sha256(`${articleId}|${path}`).slice(0, KEY_LENGTH)
}

