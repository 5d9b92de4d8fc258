/**
 * How content reads to an editor: section names as printed, Portable Text as plain text, field
 * names as words. Pure.
 */

/** A document or any JSON object inside one. */
export type Json = Record<string, unknown>

/** Section kinds as the house format prints them (the Studio's list, in title case). */
const SECTION_NAMES: Record<string, string> = {
  topline: 'Topline',
  keyFacts: 'Key Facts',
  keyBackground: 'Key Background',
  bigNumber: 'Big Number',
  crucialQuote: 'Crucial Quote',
  tangent: 'Tangent',
  whatToWatchFor: 'What To Watch For',
  surprisingFact: 'Surprising Fact',
  chiefCritic: 'Chief Critic',
  contra: 'Contra',
  newsPeg: 'News Peg',
  whatWeDontKnow: 'What We Don’t Know',
  furtherReading: 'Further Reading',
}

/** True for plain JSON objects. */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The items of an array field that are objects (anything else is ignored). */
export function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : []
}

/** A section's name: its kind as printed, or its own heading for custom sections. */
export function sectionName(section: Json): string {
  const kind = typeof section.kind === 'string' ? section.kind : ''
  const heading = typeof section.heading === 'string' ? section.heading : ''
  return SECTION_NAMES[kind] ?? (heading || 'Untitled section')
}

/** `furtherReading` → `Further reading`, `publishedAt` → `Published at`. */
export function fieldTitle(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A Portable Text block's text (its spans joined). */
export function blockText(block: Json): string {
  return objects(block.children)
    .map((child) => (typeof child.text === 'string' ? child.text : ''))
    .join('')
}

/** A big number as printed: its display text, else its value. */
export function bigNumberText(item: Json): string {
  if (typeof item.display === 'string' && item.display !== '') return item.display
  return item.value === undefined ? '' : String(item.value)
}

/** Same JSON value (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]))
  }
  return false
}

/** Fields every write sets, and the seed's bookkeeping: never a change an editor made. */
export const SYSTEM_FIELDS = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt', 'seedImport', '_system'])

/** The fields two documents differ in, in the later document's order. */
export function changedFields(before: Json, after: Json): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])]
  return keys.filter((key) => !SYSTEM_FIELDS.has(key) && !sameJson(before[key], after[key]))
}

/** Items matched by `_key` (by position for items without one). */
export function byKey(items: Json[]): Map<string, {item: Json; index: number}> {
  return new Map(items.map((item, index) => [typeof item._key === 'string' ? item._key : `#${index}`, {item, index}]))
}
