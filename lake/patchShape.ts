/**
 * The shape of a patch's operations, checked before `@sanity/mutator` applies them: the mutator
 * trusts its input, so a wrong shape either changes data silently (`inc` by a string concatenates,
 * an `insert` without `items` appends null) or fails with a message about its own internals
 * (`unset.forEach is not a function`). Each wrong shape is a 400 naming the operation and what it takes.
 */
import {mutationError} from './errors.ts'

/** Operations whose value maps paths to values. */
const PATH_MAPS = ['set', 'setIfMissing', 'inc', 'dec', 'diffMatchPatch'] as const

/** What each path map's values must be, with the words for the error. */
const VALUE_RULES: Partial<Record<(typeof PATH_MAPS)[number], [(value: unknown) => boolean, string]>> = {
  inc: [(value) => typeof value === 'number' && Number.isFinite(value), 'a number'],
  dec: [(value) => typeof value === 'number' && Number.isFinite(value), 'a number'],
  diffMatchPatch: [(value) => typeof value === 'string', 'a patch string'],
}

const INSERT_POSITIONS = ['before', 'after', 'replace'] as const

/**
 * The longest path a patch may name. The mutator parses a path in time quadratic in its length
 * (100,000 segments held the main thread 2 s, a million brought the lake down), and documents nest
 * at most 20 levels: a real path, `_key` selectors included, is a small fraction of this.
 */
export const MAX_PATH_LENGTH = 2048

/**
 * The most paths one patch may name, all operations together. The mutator applies each to the
 * whole document (100,000 `set` paths held the main thread past two minutes); a document has at
 * most 1,000 attributes on the hosted lake's smaller plans.
 */
export const MAX_PATCH_PATHS = 1000

/**
 * Checks the operations of a `patch` mutation (or an edit action's patch).
 * @throws LakeError 400 (mutationError) on the first operation of the wrong shape.
 */
export function checkPatchShape(patch: Record<string, unknown>): void {
  let paths = 0
  let indexes = 0
  for (const operation of PATH_MAPS) {
    if (!(operation in patch)) continue
    const value = patch[operation]
    if (!isRecord(value)) throw refused(`"${operation}" must be an object of paths and values, got ${describe(value)}`)
    const rule = VALUE_RULES[operation]
    paths += Object.keys(value).length
    for (const [path, item] of Object.entries(value)) {
      indexes += checkPath(operation, path)
      if (rule && !rule[0](item)) throw refused(`"${operation}" needs ${rule[1]} for "${path}", got ${describe(item)}`)
    }
  }
  if ('unset' in patch) {
    const unset = patch.unset
    if (!Array.isArray(unset) || !unset.every((path) => typeof path === 'string')) {
      throw refused(`"unset" must be an array of paths (strings), got ${describe(unset)}`)
    }
    for (const path of unset) indexes += checkPath('unset', path)
    paths += unset.length
  }
  if ('insert' in patch) indexes += checkInsert(patch.insert)
  if (paths > MAX_PATCH_PATHS) {
    throw refused(`it names ${paths} paths, more than ${MAX_PATCH_PATHS}: split it into several patches, or set whole objects`)
  }
  if (indexes > MAX_RANGE_INDEXES) {
    throw refused(`its ranges ([start:end]) name up to ${indexes} array items, more than ${MAX_RANGE_INDEXES}: name the items, e.g. by _key`)
  }
}

/**
 * How many indexes the explicit ranges of one patch (`items[2:5]`) may name, all paths together,
 * nested ranges multiplied. The mutator lists every index of a range without clamping it to the
 * array (`items[0:99999999]` held the main thread 30 s, then the lake ran out of memory; nested
 * ranges multiply), and no array of a document within its limits comes near it.
 */
export const MAX_RANGE_INDEXES = 100_000

/** `[start:end]` or `[start:end:step]`, each bound optional (a missing one is the array's own). */
const RANGE = /\[\s*(-?\d*)\s*:\s*(-?\d*)\s*(?::\s*-?\d*\s*)?\]/g

/** Checks a path's length, and returns how many indexes its explicit ranges name at most (0 without ranges). */
function checkPath(operation: string, path: string): number {
  if (path.length > MAX_PATH_LENGTH) {
    throw refused(`a path in "${operation}" has ${path.length} characters, more than ${MAX_PATH_LENGTH}: ${describe(path)}`)
  }
  let indexes = 0
  for (const [, start, end] of path.matchAll(RANGE)) indexes = Math.max(indexes, 1) * Math.max(Math.abs(Number(start)), Math.abs(Number(end)), 1)
  return indexes
}

/** Checks an insert; returns how many indexes its path's ranges name at most. */
function checkInsert(insert: unknown): number {
  const usage = '{"after" | "before" | "replace": <path>, "items": [...]}'
  if (!isRecord(insert)) throw refused(`"insert" must be ${usage}, got ${describe(insert)}`)
  const positions = INSERT_POSITIONS.filter((position) => position in insert)
  if (positions.length !== 1) {
    throw refused(`"insert" needs exactly one of "after", "before" or "replace", got ${positions.length ? positions.map((p) => `"${p}"`).join(', ') : 'none'}: ${usage}`)
  }
  const position = positions[0] ?? 'after'
  const path = insert[position]
  if (typeof path !== 'string') throw refused(`"insert.${position}" must be a path (a string), got ${describe(path)}`)
  if (!Array.isArray(insert.items)) throw refused(`"insert.items" must be an array of the items to insert, got ${describe(insert.items)}`)
  return checkPath('insert', path)
}

function refused(description: string) {
  return mutationError(400, `Invalid patch: ${description}`)
}

/** A value as the error names it: short, so a huge value does not make a huge error body. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing'
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
