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
 * Checks the operations of a `patch` mutation (or an edit action's patch).
 * @throws LakeError 400 (mutationError) on the first operation of the wrong shape.
 */
export function checkPatchShape(patch: Record<string, unknown>): void {
  for (const operation of PATH_MAPS) {
    if (!(operation in patch)) continue
    const value = patch[operation]
    if (!isRecord(value)) throw refused(`"${operation}" must be an object of paths and values, got ${describe(value)}`)
    const rule = VALUE_RULES[operation]
    if (!rule) continue
    for (const [path, item] of Object.entries(value)) {
      if (!rule[0](item)) throw refused(`"${operation}" needs ${rule[1]} for "${path}", got ${describe(item)}`)
    }
  }
  if ('unset' in patch) {
    const unset = patch.unset
    if (!Array.isArray(unset) || !unset.every((path) => typeof path === 'string')) {
      throw refused(`"unset" must be an array of paths (strings), got ${describe(unset)}`)
    }
  }
  if ('insert' in patch) checkInsert(patch.insert)
}

function checkInsert(insert: unknown): void {
  const usage = '{"after" | "before" | "replace": <path>, "items": [...]}'
  if (!isRecord(insert)) throw refused(`"insert" must be ${usage}, got ${describe(insert)}`)
  const positions = INSERT_POSITIONS.filter((position) => position in insert)
  if (positions.length !== 1) {
    throw refused(`"insert" needs exactly one of "after", "before" or "replace", got ${positions.length ? positions.map((p) => `"${p}"`).join(', ') : 'none'}: ${usage}`)
  }
  const position = positions[0] ?? 'after'
  if (typeof insert[position] !== 'string') throw refused(`"insert.${position}" must be a path (a string), got ${describe(insert[position])}`)
  if (!Array.isArray(insert.items)) throw refused(`"insert.items" must be an array of the items to insert, got ${describe(insert.items)}`)
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
