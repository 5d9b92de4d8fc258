import {canonicalJson} from './fieldHashes.ts'
import type {ArticlePlan} from './planArticle.ts'
import type {DocumentPlan, EditorChange} from './planDocument.ts'

/** Values in a diff are cut here: the point is to see what changes, not to read the article. */
const DIFF_VALUE_CHARS = 100

function short(value: unknown): string {
  if (value === undefined) return '(none)'
  const text = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `[${value.length} items] ${JSON.stringify(value)}` : JSON.stringify(value)
  return text.length > DIFF_VALUE_CHARS ? `${text.slice(0, DIFF_VALUE_CHARS - 1)}…` : text
}

/** The text of a Portable Text item as a reader sees it (a block's spans, a big number's display and caption). */
function itemText(item: unknown): string {
  if (typeof item !== 'object' || item === null) return JSON.stringify(item)
  if ('children' in item && Array.isArray(item.children)) {
    return item.children.map((span: unknown) => (typeof span === 'object' && span !== null && 'text' in span ? String(span.text) : '')).join('')
  }
  if ('display' in item && 'caption' in item) return `${String(item.display)}. ${String(item.caption)}`
  return JSON.stringify(item)
}

/** For a changed section: its first changed body item, before and after. */
function bodyChange(before: unknown, after: unknown): string[] {
  const bodyOf = (section: unknown): unknown[] =>
    typeof section === 'object' && section !== null && 'body' in section && Array.isArray(section.body) ? section.body : []
  const [old, now] = [bodyOf(before), bodyOf(after)]
  const headingOf = (section: unknown): string =>
    typeof section === 'object' && section !== null && 'heading' in section ? String(section.heading) : ''
  const heading = headingOf(before) !== headingOf(after) ? [`          heading "${headingOf(before)}" → "${headingOf(after)}"`] : []
  const index = now.findIndex((item, i) => canonicalJson(item) !== canonicalJson(old[i] ?? null))
  if (index < 0) return [...heading, ...(old.length > now.length ? [`          - (${old.length - now.length} paragraphs removed)`] : [])]
  return [...heading, `          - ${short(index < old.length ? itemText(old[index]) : undefined)}`, `          + ${short(itemText(now[index]))}`]
}

/** For arrays of keyed items (sections, references): which items were added, removed or changed, and how. */
function arrayDiff(before: unknown, after: unknown): string[] | null {
  if (!Array.isArray(before) || !Array.isArray(after)) return null
  const keyOf = (item: unknown, index: number): string =>
    typeof item === 'object' && item !== null && '_key' in item ? String(item._key) : String(index)
  const old = new Map(before.map((item, i) => [keyOf(item, i), item]))
  const lines: string[] = []
  after.forEach((item, i) => {
    const key = keyOf(item, i)
    const label = typeof item === 'object' && item !== null && 'heading' in item ? `"${String(item.heading)}"` : `#${i}`
    const was = old.get(key)
    if (!old.has(key)) lines.push(`        + ${label}`)
    // Compared as canonical JSON: the order of an object's keys is not a change.
    else if (canonicalJson(was) !== canonicalJson(item)) lines.push(`        ~ ${label}`, ...bodyChange(was, item))
    old.delete(key)
  })
  for (const key of old.keys()) lines.push(`        - item ${key}`)
  return [`${before.length} → ${after.length} items`, ...lines]
}

const where = (change: EditorChange): string =>
  change.editedIn === 'unpublished' ? 'unpublished, only a draft exists' : `edited in the ${change.editedIn}`

function describeDocument(doc: DocumentPlan, diff: boolean): string[] {
  const lines: string[] = []
  const fields = [...Object.keys(doc.set), ...doc.unset]
  if (doc.action === 'create') lines.push(`  create    ${doc.id}`)
  if (doc.action === 'update') lines.push(`  update    ${doc.id}: ${fields.join(', ') || 'draft only'}`)
  if (diff && doc.action === 'update') {
    for (const field of fields) {
      const before = doc.before?.[field]
      const after = doc.set[field]
      const summary = arrayDiff(before, after)
      if (summary) lines.push(`      ${field}: ${summary[0]}`, ...summary.slice(1))
      else lines.push(`      ${field}:`, `        - ${short(before)}`, `        + ${short(after)}`)
    }
    if (doc.draft) lines.push(`      ${doc.draft.id}: ${[...Object.keys(doc.draft.set), ...doc.draft.unset].join(', ')}`)
  }
  for (const change of doc.kept) lines.push(`  kept      ${doc.id} ${change.field} (${where(change)}; --replace overwrites it)`)
  for (const change of doc.overwritten) lines.push(`  overwrite ${doc.id} ${change.field} (${where(change)})`)
  return lines
}

/**
 * The plan of one article as lines for the terminal: what is created, updated (with a readable
 * diff when `diff`), kept for editors, or overwritten by `--replace`. Unchanged documents are not listed.
 */
export function formatPlan(plan: ArticlePlan, options: {diff: boolean}): string[] {
  const body = plan.documents.flatMap((doc) => describeDocument(doc, options.diff))
  return [`${plan.file} → ${plan.articleId}${body.length === 0 ? ': unchanged' : ''}`, ...body]
}
