/**
 * Two versions of a document, field by field, as terminal lines: Portable Text as text,
 * paragraph by paragraph, with the changed words marked (`wordDiff.ts`). Labels go on lines of
 * their own so right-to-left text never shares a line with left-to-right labels. Pure.
 */
import {bigNumberText, blockText, byKey, changedFields, fieldTitle, objects, sameJson, sectionName, type Json} from './text.ts'
import {markWhole, markWordChanges, type MarkStyle} from './wordDiff.ts'

const INDENT = '    '

/** The differences from `before` to `after`; empty when an editor would see none. */
export function diffDocuments(before: Json, after: Json, style: MarkStyle = {color: false}): string[] {
  return changedFields(before, after).flatMap((key) => {
    if (key === 'sections') return diffSections(objects(before.sections), objects(after.sections), style)
    return [`${fieldTitle(key)}:`, ...diffValue(before[key], after[key], style)]
  })
}

function diffValue(before: unknown, after: unknown, style: MarkStyle): string[] {
  const a = plain(before)
  const b = plain(after)
  if (a === '') return [INDENT + markWhole('+', b, style)]
  if (b === '') return [INDENT + markWhole('-', a, style)]
  return [INDENT + markWordChanges(a, b, style)]
}

/** A field's value as text: strings as they are, arrays item by item, other values as JSON. */
function plain(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(plain).join(' | ')
  if (typeof value === 'object') {
    const record = objects([value])[0] ?? {}
    if (record._type === 'reference') return `→ ${String(record._ref)}`
    if (record._type === 'slug') return String(record.current ?? '')
    if (record._type === 'block') return blockText(record)
    if (record._type === 'bigNumber') return bigNumberText(record)
    const {_key, _type, ...rest} = record
    return Object.entries(rest).map(([key, item]) => `${key}: ${plain(item)}`).join(', ')
  }
  return String(value)
}

function diffSections(before: Json[], after: Json[], style: MarkStyle): string[] {
  const old = byKey(before)
  const lines: string[] = []
  for (const [key, {item}] of byKey(after)) {
    const previous = old.get(key)?.item
    if (previous && sameJson(previous, item)) continue
    lines.push(`${sectionName(item)}${previous ? '' : ' (new section)'}:`)
    if (previous && previous.heading !== item.heading) lines.push('  heading:', ...diffValue(previous.heading, item.heading, style))
    lines.push(...diffBody(objects(previous?.body), objects(item.body), style))
  }
  for (const [key, {item}] of old) {
    if (byKey(after).has(key)) continue
    lines.push(`${sectionName(item)} (section removed):`, ...diffBody(objects(item.body), [], style))
  }
  return lines
}

function diffBody(before: Json[], after: Json[], style: MarkStyle): string[] {
  const old = byKey(before)
  const now = byKey(after)
  const lines: string[] = []
  let paragraph = 0
  for (const [key, {item}] of now) {
    const label = item._type === 'block' ? `paragraph ${++paragraph}` : fieldTitle(String(item._type))
    const previous = old.get(key)?.item
    if (previous && sameJson(previous, item)) continue
    lines.push(`  ${label}${previous ? '' : ' (added)'}:`, ...diffValue(previous ? plain(previous) : '', plain(item), style))
    if (item._type === 'bigNumber' && previous && previous.caption !== item.caption) {
      lines.push('  caption:', ...diffValue(previous.caption, item.caption, style))
    }
  }
  let removed = 0
  for (const [key, {item}] of old) {
    if (item._type === 'block') removed++
    if (now.has(key)) continue
    const label = item._type === 'block' ? `paragraph ${removed}` : fieldTitle(String(item._type))
    lines.push(`  ${label} (removed):`, ...diffValue(plain(item), '', style))
  }
  return lines
}
