/**
 * What changed between two versions of a document, in an editor's words: "Key Facts, paragraph
 * 2 edited", "big number 3 → 4", "correction added", "Title edited". Pure.
 */
import {bigNumberText, byKey, changedFields, fieldTitle, isObject, objects, sameJson, sectionName, type Json} from './text.ts'

/** The changes from `before` to `after`, one phrase each, in the document's field order. */
export function describeChanges(before: Json, after: Json): string[] {
  return changedFields(before, after).flatMap((key) => {
    if (key === 'sections') return describeSections(objects(before.sections), objects(after.sections))
    if (key === 'corrections') return describeCorrections(objects(before.corrections), objects(after.corrections))
    return [describeField(key, before[key], after[key])]
  })
}

function describeField(key: string, before: unknown, after: unknown): string {
  const title = fieldTitle(key)
  if (isEmpty(before)) return `${title} added`
  if (isEmpty(after)) return `${title} removed`
  if (typeof before === 'number' && typeof after === 'number') return `${title} ${before} → ${after}`
  if (Array.isArray(before) || (isObject(before) && before._type === 'reference')) return `${title} changed`
  return `${title} edited`
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
}

function describeSections(before: Json[], after: Json[]): string[] {
  const old = byKey(before)
  const now = byKey(after)
  const phrases: string[] = []
  for (const [key, {item}] of now) {
    const previous = old.get(key)?.item
    if (!previous) phrases.push(`${sectionName(item)} section added`)
    else phrases.push(...describeSection(previous, item))
  }
  for (const [key, {item}] of old) if (!now.has(key)) phrases.push(`${sectionName(item)} section removed`)
  const order = (map: Map<string, unknown>, other: Map<string, unknown>) => [...map.keys()].filter((key) => other.has(key))
  if (!sameJson(order(old, now), order(now, old))) phrases.push('sections reordered')
  return phrases
}

function describeSection(before: Json, after: Json): string[] {
  const name = sectionName(after)
  const phrases: string[] = []
  if (before.kind !== after.kind) phrases.push(`${sectionName(before)} section is now ${name}`)
  if (before.heading !== after.heading) phrases.push(`${name} heading edited`)
  if (!sameJson(before.body, after.body)) phrases.push(...describeBody(name, objects(before.body), objects(after.body)))
  return phrases
}

/** Paragraphs are numbered as printed: blocks only, from 1. */
function paragraphNumbers(items: Json[]): Map<Json, number> {
  let n = 0
  return new Map(items.filter((item) => item._type === 'block').map((item) => [item, ++n]))
}

function describeBody(name: string, before: Json[], after: Json[]): string[] {
  const old = byKey(before)
  const now = byKey(after)
  const oldNumbers = paragraphNumbers(before)
  const newNumbers = paragraphNumbers(after)
  const phrases: string[] = []
  for (const [key, {item}] of now) {
    const previous = old.get(key)?.item
    if (item._type === 'bigNumber') {
      if (!previous) phrases.push(`big number ${bigNumberText(item)} added`)
      else phrases.push(...describeBigNumber(previous, item))
    } else if (!previous) phrases.push(`${name}, paragraph ${newNumbers.get(item)} added`)
    else if (!sameJson(previous, item)) phrases.push(`${name}, paragraph ${newNumbers.get(item)} edited`)
  }
  for (const [key, {item}] of old) {
    if (now.has(key)) continue
    phrases.push(item._type === 'bigNumber' ? `big number ${bigNumberText(item)} removed` : `${name}, paragraph ${oldNumbers.get(item)} removed`)
  }
  return phrases
}

function describeBigNumber(before: Json, after: Json): string[] {
  const phrases: string[] = []
  const was = bigNumberText(before)
  const is = bigNumberText(after)
  if (was !== is) phrases.push(`big number ${was} → ${is}`)
  if (before.caption !== after.caption) phrases.push('big number caption edited')
  const {display: _d, value: _v, caption: _c, ...beforeRest} = before
  const {display: _d2, value: _v2, caption: _c2, ...afterRest} = after
  if (!sameJson(beforeRest, afterRest)) phrases.push(`big number ${is} unit or scale changed`)
  return phrases
}

function describeCorrections(before: Json[], after: Json[]): string[] {
  const old = byKey(before)
  const now = byKey(after)
  const kind = (item: Json) => (typeof item.kind === 'string' ? item.kind : 'correction')
  const phrases: string[] = []
  for (const [key, {item, index}] of now) {
    const previous = old.get(key)?.item
    if (!previous) phrases.push(`${kind(item)} added`)
    else if (!sameJson(previous, item)) phrases.push(`${kind(item)} ${index + 1} edited`)
  }
  for (const [key, {item}] of old) if (!now.has(key)) phrases.push(`${kind(item)} removed`)
  return phrases
}
