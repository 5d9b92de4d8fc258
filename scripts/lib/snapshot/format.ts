/**
 * The snapshot format: one pretty-printed JSON file per document, `documents/<id>.json`, keys in
 * a stable order (`_id`, `_type`, `_key` first, then by code point, at every level), without
 * `_rev` and `_updatedAt`, which whichever lake stores the document sets on each write. Pure.
 */

/** The folder of document files inside a snapshot. */
export const DOCUMENTS_DIR = 'documents'
/** The snapshot's marker file; its content never changes, so a snapshot's bytes are its documents. */
export const MANIFEST_FILE = 'snapshot.json'
/** What the manifest holds: a snapshot is read only when both fields are these. */
const MANIFEST_FIELDS = {format: 'sanity-lake-snapshot', version: 1}
export const MANIFEST = `${JSON.stringify(MANIFEST_FIELDS, null, 2)}\n`

/**
 * What is wrong with a manifest's text (`not JSON: …`, `"version" is 2, not 1`), or null for this
 * format's: a hand-edited or truncated one may belong to another tool, or to a layout this code
 * would misread.
 */
export function manifestProblem(text: string): string | null {
  let manifest: unknown
  try {
    manifest = JSON.parse(text)
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) return 'not a JSON object'
  for (const [field, wanted] of Object.entries(MANIFEST_FIELDS)) {
    if (!(field in manifest)) return `"${field}" is missing`
    const value: unknown = Reflect.get(manifest, field)
    if (value !== wanted) return `"${field}" is ${JSON.stringify(value)}, not ${JSON.stringify(wanted)}`
  }
  return null
}

/** The error for a manifest `file` whose text has `problem`, with what to do. */
export function manifestError(file: string, problem: string): Error {
  return new Error(`${file} is not a snapshot manifest (${problem}): every snapshot's holds ${JSON.stringify(MANIFEST_FIELDS)}; take it from version control or another snapshot`)
}

const FIRST_KEYS = ['_id', '_type', '_key']
/** Set by the store on every write: a restored document gets new ones. */
const WRITE_FIELDS = new Set(['_rev', '_updatedAt'])

function compareKeys(a: string, b: string): number {
  const rank = (key: string) => {
    const index = FIRST_KEYS.indexOf(key)
    return index === -1 ? FIRST_KEYS.length : index
  }
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value).sort(([a], [b]) => compareKeys(a, b))
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]))
}

/** A document's file content: stable key order, 2-space indent, a final newline, no write fields. */
export function documentFile(doc: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(doc).filter(([key]) => !WRITE_FIELDS.has(key)))
  return `${JSON.stringify(sortKeys(content), null, 2)}\n`
}

/** Sanity ids are `[a-zA-Z0-9._-]`: each is a safe file name as it is. */
const ID_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/

/**
 * The file name of each id.
 * @throws Error for an id that is not a safe file name, or two ids that differ only in case
 *   (they would be one file on macOS and Windows).
 */
export function fileNames(ids: string[]): Map<string, string> {
  const names = new Map<string, string>()
  const folded = new Map<string, string>()
  for (const id of ids) {
    if (!ID_PATTERN.test(id)) throw new Error(`Document id ${JSON.stringify(id)} cannot be a file name`)
    const other = folded.get(id.toLowerCase())
    if (other) throw new Error(`Documents "${other}" and "${id}" differ only in case: one file on case-insensitive file systems`)
    folded.set(id.toLowerCase(), id)
    names.set(id, `${id}.json`)
  }
  return names
}
