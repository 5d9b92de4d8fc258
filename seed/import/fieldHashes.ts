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
 * Hand-rolled: twice as fast as `JSON.stringify` with a sorting replacer, and it runs for every
 * field of every document on every import.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    let out = '[' + canonicalJson(value[0] ?? null)
    for (let i = 1; i < value.length; i++) out += ',' + canonicalJson(value[i] ?? null)
    return out + ']'
  }
  if (isRecord(value)) {
    const keys = Object.keys(value)
    // Documents the seed builds and the lake returns are mostly in order already: sort only when not.
    for (let i = 1; i < keys.length; i++) {
      if ((keys[i - 1] ?? '') > (keys[i] ?? '')) {
        keys.sort()
        break
      }
    }
    let out = '{'
    for (const key of keys) {
      const item = value[key]
      if (item === undefined) continue
      out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(item)
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
