/** The Content Lake's per-document limits, and `autoGenerateArrayKeys`. */
import {mutationError} from './errors.ts'
import {randomId} from './ids.ts'

/** Sanity's documented maximum JSON size of one document. */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
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
 * keeping its JSON for `documentJson`.
 * @throws LakeError 400 mutationError when a limit is exceeded.
 */
export function checkDocumentLimits(id: string, doc: object): void {
  const depth = nestingDepth(doc)
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
 * Levels of objects/arrays below `value`: `{a: 1}` is 0, `{a: {b: [1]}}` is 2. Walks without
 * copying keys or values (every document written passes here).
 */
export function nestingDepth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0
  let max = 0
  if (Array.isArray(value)) {
    for (const child of value) {
      if (typeof child === 'object' && child !== null) max = Math.max(max, 1 + nestingDepth(child))
    }
    return max
  }
  for (const key in value) {
    const child = (value as Record<string, unknown>)[key]
    if (typeof child === 'object' && child !== null) max = Math.max(max, 1 + nestingDepth(child))
  }
  return max
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
