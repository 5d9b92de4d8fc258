/**
 * Mendoza effects: the compact patches the listener (`effectFormat=mendoza`) and the transaction
 * log send so the Studio can replay and attribute changes.
 *
 * The encoder is structural where it is cheap to be: objects are edited field by field, arrays
 * keep unchanged runs (matched by `_key` or by value) and strings keep their common prefix and
 * suffix, so review changes attribute only what changed. Anything else is a whole-value `[0, v]`.
 * Opcodes are the indexes of mendoza's `OPS` table (`mendoza/src/internal-patcher.ts`).
 */

/** A mendoza patch as sent on the wire. */
export type MendozaPatch = unknown[]

/** The pair of patches for one document in one transaction. */
export interface MendozaEffects {
  apply: MendozaPatch
  revert: MendozaPatch
}

const OP_VALUE = 0
const OP_COPY = 1
const OP_BLANK = 2
const OP_RETURN_INTO_ARRAY_POP = 16
const OP_PUSH_ELEMENT = 7
const OP_PUSH_FIELD = 6
const OP_RETURN_INTO_OBJECT_SAME_KEY_POP = 15
const OP_OBJECT_SET_FIELD_VALUE = 17
const OP_OBJECT_DELETE_FIELD = 19
const OP_ARRAY_APPEND_VALUE = 20
const OP_ARRAY_APPEND_SLICE = 21
const OP_STRING_APPEND_STRING = 22
const OP_STRING_APPEND_SLICE = 23

/**
 * Effects turning `before` into `after` and back; null stands for "the document does not exist".
 * `_rev` is left out of both sides: the Studio strips it before applying effects (its preview store
 * and review-changes diff both call `omitRev` first), so a patch that counted `_rev` among the
 * fields would address the wrong field there.
 */
export function computeEffects(before: unknown, after: unknown): MendozaEffects {
  const from = withoutRev(before ?? null)
  const to = withoutRev(after ?? null)
  return {apply: encodeValue(from, to), revert: encodeValue(to, from)}
}

function withoutRev(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('_rev' in doc)) return doc
  const {_rev: _omitted, ...rest} = doc
  return rest
}

/**
 * Ops that push exactly one output value equal to `target`, with `source` on top of the input
 * stack. A patch beginning with OP_VALUE is a whole-value replacement.
 */
function encodeValue(source: unknown, target: unknown): MendozaPatch {
  if (deepEqual(source, target)) return [OP_COPY]
  if (isPlainObject(source) && isPlainObject(target)) return [OP_COPY, ...encodeObjectEdits(source, target)]
  if (Array.isArray(source) && Array.isArray(target) && target.length > 0) {
    return [OP_BLANK, ...encodeArrayBody(source, target)]
  }
  if (typeof source === 'string' && typeof target === 'string' && target.length > 0) {
    const body = encodeStringBody(source, target)
    if (body) return [OP_BLANK, ...body]
  }
  return [OP_VALUE, target]
}

function encodeObjectEdits(source: Record<string, unknown>, target: Record<string, unknown>): unknown[] {
  const ops: unknown[] = []
  const sourceKeys = Object.keys(source).sort()
  /** Each key's place among the sorted keys: a search per changed field made 50,000 keys take 2.8 s. */
  const places = new Map(sourceKeys.map((key, index) => [key, index]))
  sourceKeys.forEach((key, index) => {
    if (!Object.hasOwn(target, key)) ops.push(OP_OBJECT_DELETE_FIELD, index)
  })
  for (const key of Object.keys(target)) {
    const value = target[key]
    if (!Object.hasOwn(source, key)) {
      ops.push(OP_OBJECT_SET_FIELD_VALUE, value, key)
      continue
    }
    if (deepEqual(source[key], value)) continue
    const child = encodeValue(source[key], value)
    if (child[0] === OP_VALUE) ops.push(OP_OBJECT_SET_FIELD_VALUE, value, key)
    else pushAll(ops, [OP_PUSH_FIELD, places.get(key) ?? -1], child, [OP_RETURN_INTO_OBJECT_SAME_KEY_POP])
  }
  return ops
}

function encodeArrayBody(source: unknown[], target: unknown[]): unknown[] {
  const ops: unknown[] = []
  let slice: [number, number] | null = null
  const flush = () => {
    if (slice) ops.push(OP_ARRAY_APPEND_SLICE, slice[0], slice[1])
    slice = null
  }
  let expected = 0
  const index = new SourceIndex(source)
  for (const item of target) {
    const same = index.findSame(item, expected)
    if (same !== -1) {
      if (slice && slice[1] === same) slice[1] = same + 1
      else {
        flush()
        slice = [same, same + 1]
      }
      expected = same + 1
      continue
    }
    flush()
    const keyed = index.findKeyed(item)
    if (keyed !== -1) {
      pushAll(ops, [OP_PUSH_ELEMENT, keyed], encodeValue(source[keyed], item), [OP_RETURN_INTO_ARRAY_POP])
      expected = keyed + 1
    } else {
      ops.push(OP_ARRAY_APPEND_VALUE, item)
    }
  }
  flush()
  return ops
}

/**
 * Appends the parts' items to `ops` one by one: `push(...part)` passes each item as an argument,
 * and a large nested edit (200,000 array items) passed the call stack's limit.
 */
function pushAll(ops: unknown[], ...parts: unknown[][]): void {
  for (const part of parts) for (const item of part) ops.push(item)
}

/**
 * Where the items of an array's old value are, by `_key` and, for unkeyed items, by their JSON:
 * built on the first miss, so that encoding an array costs time linear in its size (a search per
 * item made 20,000 unkeyed numbers take 2.9 s on the thread that serves every client).
 */
class SourceIndex {
  readonly #source: unknown[]
  #byKey: Map<string, number> | null = null
  #byJson: Map<string, number> | null = null

  constructor(source: unknown[]) {
    this.#source = source
  }

  /** The first index of an item deep-equal to `item`, trying `expected` first; -1 when none. */
  findSame(item: unknown, expected: number): number {
    if (expected < this.#source.length && deepEqual(this.#source[expected], item)) return expected
    const key = keyOf(item)
    // Unkeyed objects with their fields in another order are not found: then appended as values, still right.
    const index = key !== undefined ? this.#keys().get(key) : this.#jsons().get(JSON.stringify(item))
    return index !== undefined && deepEqual(this.#source[index], item) ? index : -1
  }

  /** The index of the first item with `item`'s `_key`, or -1. */
  findKeyed(item: unknown): number {
    const key = keyOf(item)
    return key === undefined || !isPlainObject(item) ? -1 : (this.#keys().get(key) ?? -1)
  }

  #keys(): Map<string, number> {
    if (this.#byKey) return this.#byKey
    this.#byKey = new Map()
    this.#source.forEach((candidate, i) => {
      const key = keyOf(candidate)
      if (key !== undefined && !this.#byKey?.has(key)) this.#byKey?.set(key, i)
    })
    return this.#byKey
  }

  #jsons(): Map<string, number> {
    if (this.#byJson) return this.#byJson
    this.#byJson = new Map()
    this.#source.forEach((candidate, i) => {
      if (keyOf(candidate) !== undefined) return
      const json = JSON.stringify(candidate)
      if (!this.#byJson?.has(json)) this.#byJson?.set(json, i)
    })
    return this.#byJson
  }
}

function keyOf(value: unknown): string | undefined {
  return isPlainObject(value) && typeof value._key === 'string' ? value._key : undefined
}

/**
 * Common prefix/suffix as slices of the source; mendoza string slices count UTF-8 bytes. Compared
 * code unit by code unit, never splitting a surrogate pair: a copy of each string as an array of
 * code points made a 1 MB string take 0.5 s, once per listener asking for effects.
 */
function encodeStringBody(source: string, target: string): unknown[] | null {
  const limit = Math.min(source.length, target.length)
  let prefix = 0
  while (prefix < limit && source.charCodeAt(prefix) === target.charCodeAt(prefix)) prefix++
  while (prefix > 0 && (splitsPair(source, prefix) || splitsPair(target, prefix))) prefix--
  let suffix = 0
  while (suffix < limit - prefix && source.charCodeAt(source.length - 1 - suffix) === target.charCodeAt(target.length - 1 - suffix)) suffix++
  while (suffix > 0 && (splitsPair(source, source.length - suffix) || splitsPair(target, target.length - suffix))) suffix--
  if (prefix === 0 && suffix === 0) return null
  const ops: unknown[] = []
  if (prefix > 0) ops.push(OP_STRING_APPEND_SLICE, 0, Buffer.byteLength(source.slice(0, prefix), 'utf8'))
  const middle = target.slice(prefix, target.length - suffix)
  if (middle) ops.push(OP_STRING_APPEND_STRING, middle)
  if (suffix > 0) {
    const start = Buffer.byteLength(source.slice(0, source.length - suffix), 'utf8')
    ops.push(OP_STRING_APPEND_SLICE, start, start + Buffer.byteLength(source.slice(source.length - suffix), 'utf8'))
  }
  return ops
}

/** Whether a cut of `text` before code unit `at` falls between the two halves of a surrogate pair. */
function splitsPair(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false
  const high = text.charCodeAt(at - 1)
  const low = text.charCodeAt(at)
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Structural JSON equality (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]))
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a)
    if (keys.length !== Object.keys(b).length) return false
    return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
  }
  return false
}
