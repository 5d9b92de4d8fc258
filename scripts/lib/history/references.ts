/**
 * A restored revision may point at documents deleted since: as the Studio's own restore does,
 * references to documents that no longer exist are left out (a strong one would make the lake
 * refuse the draft). Pure.
 */
import {isObject, type Json} from './text.ts'

/** The ids referenced anywhere in `value`. */
export function referencedIds(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) referencedIds(item, into)
  else if (isObject(value)) {
    if (typeof value._ref === 'string') into.add(value._ref)
    for (const [key, item] of Object.entries(value)) if (key !== '_ref') referencedIds(item, into)
  }
  return into
}

/** `doc` without the reference objects whose `_ref` is not in `existing` (array items dropped, fields removed). */
export function withoutMissingReferences(doc: Json, existing: Set<string>): {doc: Json; removed: string[]} {
  const removed: string[] = []
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit).filter((item) => item !== undefined)
    if (!isObject(value)) return value
    if (typeof value._ref === 'string' && !existing.has(value._ref)) {
      removed.push(value._ref)
      return undefined
    }
    return Object.fromEntries(Object.entries(value).flatMap(([key, item]) => {
      const kept = visit(item)
      return kept === undefined ? [] : [[key, kept]]
    }))
  }
  const kept = visit(doc)
  return {doc: isObject(kept) ? kept : {}, removed}
}
