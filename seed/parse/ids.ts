import {hash} from 'node:crypto'

/** 16 hex digits (64 bits): collisions stay negligible for millions of sources. */
const ID_HASH_LENGTH = 16
/** 12 hex digits: keys only need to be unique within one array. */
const KEY_LENGTH = 12
/** Long enough for Forbes slugs (the seed's is 75 characters), short enough for a URL. */
const MAX_SLUG_LENGTH = 96

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

/**
 * Lowercase Latin letters, digits and single hyphens (the schema's `SLUG_PATTERN`). Accents are
 * dropped; Arabic letters are not transliterated, so an Arabic title gives ''.
 */
export function slugify(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, '')
}
