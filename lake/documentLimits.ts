/** The Content Lake's per-document limits, and `autoGenerateArrayKeys`. */
import {mutationError} from './errors.ts'
import {randomId} from './ids.ts'

/**
 * Sanity's documented maximum JSON size of one document, 32 MB in the SI units its limits use
 * (sanity.io/docs/content-lake/technical-limits: "1 MB is 1,000,000 bytes").
 */
export const MAX_DOCUMENT_BYTES = 32_000_000
/** Sanity's documented maximum nesting depth (objects and arrays below the document). */
export const MAX_NESTING_DEPTH = 20

/** The JSON of documents about to be stored, made once by the size check and reused by the store. */
const serialized = new WeakMap<object, string>()

/** A document's JSON: the one the size check made, or a fresh one. Documents are never mutated once written. */
export function documentJson(doc: object): string {
  return serialized.get(doc) ?? JSON.stringify(doc)
}

/**
 * Checks size and nesting depth of a document about to be written (`_rev`/`_updatedAt` included),
 * and that JSON can hold each value as it is: a number past ±1.8e308 (an `inc` that overflowed,
 * or `1e400` in the body) would be stored as null, and a reference without a document id in
 * `_ref` would be stored as one that points nowhere and that no integrity check sees. Keeps the
 * document's JSON for `documentJson`.
 * @throws LakeError 400 mutationError when a limit is exceeded or a value is not valid.
 */
export function checkDocumentLimits(id: string, doc: object): void {
  const walk = {invalid: false}
  const depth = walkDepth(doc, walk)
  if (walk.invalid) throw mutationError(400, `Document "${id}": ${describeInvalid(doc) ?? 'holds a value JSON cannot store'}`)
  if (depth > MAX_NESTING_DEPTH) {
    throw mutationError(400, `Document "${id}" is nested ${depth} levels deep; the limit is ${MAX_NESTING_DEPTH}`)
  }
  const json = JSON.stringify(doc)
  serialized.set(doc, json)
  const bytes = Buffer.byteLength(json)
  if (bytes > MAX_DOCUMENT_BYTES) {
    throw mutationError(400, `Document "${id}" is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes`)
  }
}

/**
 * Levels of objects/arrays below `value`: `{a: 1}` is 0, `{a: {b: [1]}}` is 2, noting in `walk`
 * on the way whether a value is one JSON cannot hold or a reference without a document id
 * (`describeInvalid` says which). Walks without copying keys or values (every document written
 * passes here).
 */
function walkDepth(value: object, walk: {invalid: boolean}): number {
  let max = 0
  if (Array.isArray(value)) {
    for (const child of value) {
      if (typeof child === 'object') {
        if (child !== null) max = Math.max(max, 1 + walkDepth(child, walk))
      } else if (typeof child === 'number' && !Number.isFinite(child)) walk.invalid = true
    }
    return max
  }
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key]
    if (typeof child === 'object') {
      if (child !== null) max = Math.max(max, 1 + walkDepth(child, walk))
    } else if (typeof child === 'number' && !Number.isFinite(child)) walk.invalid = true
    if (key === '_ref' && !isDocumentId(child)) walk.invalid = true
  }
  return max
}

function isDocumentId(value: unknown): boolean {
  return typeof value === 'string' && value !== ''
}

/** What is wrong with the first value of `doc` that is not valid, and where (the slow path of an error). */
function describeInvalid(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `"${path}" is ${value}, beyond the largest number JSON holds (about 1.8e308); keep numbers within it`
  }
  if (typeof value !== 'object' || value === null) return undefined
  if (Array.isArray(value)) {
    for (const [index, child] of value.entries()) {
      const found = describeInvalid(child, `${path}[${index}]`)
      if (found) return found
    }
    return undefined
  }
  const record = value as Record<string, unknown>
  if ('_ref' in record && !isDocumentId(record._ref)) {
    return `not a valid reference at "${path || '(the document)'}": "_ref" must be a document id (a non-empty string), got ${JSON.stringify(record._ref) ?? String(record._ref)}`
  }
  for (const key in record) {
    const found = describeInvalid(record[key], path ? `${path}.${key}` : key)
    if (found) return found
  }
  return undefined
}

/** A copy of `value` where every object inside an array has a `_key`. */
export function addArrayKeys<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const copy = addArrayKeys(item)
      if (typeof copy === 'object' && copy !== null && !Array.isArray(copy) && !('_key' in copy)) {
        return {_key: randomId(12), ...copy}
      }
      return copy
    }) as T
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, addArrayKeys(v)])) as T
  }
  return value
}
