import {hash} from 'node:crypto'

/** Fields the Content Lake or the import itself manages: never compared, never hashed. */
const SYSTEM_FIELDS = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt', 'seedImport'])

/** A document as read from the dataset or produced by the parser. */
export type StoredDocument = {_id: string; _type: string; _rev?: string; [field: string]: unknown}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/**
 * JSON with object keys sorted, so equal values hash equal whatever order the server returns.
 * Runs for every field of every document on every import. Values whose objects already have
 * their keys in order (what the seed builds and the lake returns for it) are serialised by
 * `JSON.stringify`, which then gives the same text; the others by hand, sorting as it goes
 * (twice as fast as `JSON.stringify` with a sorting replacer).
 */
export function canonicalJson(value: unknown): string {
  return inCanonicalOrder(value) ? (JSON.stringify(value) ?? 'null') : sortedJson(value)
}

/** True when the keys of every object in `value` are in sorted order (then `JSON.stringify` is canonical). */
function inCanonicalOrder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true
  if (Array.isArray(value)) {
    for (const item of value) if (!inCanonicalOrder(item)) return false
    return true
  }
  let previous = ''
  for (const key in value) {
    if (key < previous) return false
    previous = key
    if (!inCanonicalOrder((value as Record<string, unknown>)[key])) return false
  }
  return true
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    let out = '[' + sortedJson(value[0] ?? null)
    for (let i = 1; i < value.length; i++) out += ',' + sortedJson(value[i] ?? null)
    return out + ']'
  }
  if (isRecord(value)) {
    const keys = Object.keys(value).sort()
    let out = '{'
    for (const key of keys) {
      const item = value[key]
      if (item === undefined) continue
      out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + sortedJson(item)
    }
    return out + '}'
  }
  return JSON.stringify(value) ?? 'null'
}

/** sha256 of a field value's canonical JSON; undefined for a missing field. */
export function hashValue(value: unknown): string | undefined {
  return value === undefined ? undefined : hashCanonicalJson(canonicalJson(value))
}

/** The field hash of a value whose canonical JSON is `json` (see `hashValue`). */
export function hashCanonicalJson(json: string): string {
  return hash('sha256', json, 'hex')
}

/** The content fields of a document (what editors and the seed write), system fields excluded. */
export function contentFields(doc: StoredDocument): string[] {
  return Object.keys(doc).filter((field) => !SYSTEM_FIELDS.has(field))
}

/** The `{field: sha256}` map the import stored in `seedImport.fieldHashes`, or null when there is none. */
export function storedFieldHashes(doc: StoredDocument | null): Record<string, string> | null {
  const seedImport = doc?.seedImport
  if (typeof seedImport !== 'object' || seedImport === null || !('fieldHashes' in seedImport)) return null
  const {fieldHashes} = seedImport
  if (typeof fieldHashes !== 'string') return null
  try {
    const parsed: unknown = JSON.parse(fieldHashes)
    if (typeof parsed !== 'object' || parsed === null) return null
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'))
  } catch {
    return null
  }
}

/** `seedImport.fieldHashes` as stored: canonical JSON, so unchanged hashes compare byte-equal. */
export function serializeFieldHashes(hashes: Record<string, string>): string {
  return canonicalJson(hashes)
}
