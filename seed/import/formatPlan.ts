import type {ArticlePlan} from './planArticle.ts'
import type {DocumentPlan, EditorChange} from './planDocument.ts'

/** Values in a diff are cut here: the point is to see what changes, not to read the article. */
const DIFF_VALUE_CHARS = 100

function short(value: unknown): string {
  if (value === undefined) return '(none)'
  const text = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `[${value.length} items] ${JSON.stringify(value)}` : JSON.stringify(value)
  return text.length > DIFF_VALUE_CHARS ? `${text.slice(0, DIFF_VALUE_CHARS - 1)}…` : text
}

/** For arrays of keyed items (sections, references), which items were added, removed or changed. */
function arrayDiff(before: unknown, after: unknown): string | null {
  if (!Array.isArray(before) || !Array.isArray(after)) return null
  const keyOf = (item: unknown, index: number): string =>
    typeof item === 'object' && item !== null && '_key' in item ? String(item._key) : String(index)
  const old = new Map(before.map((item, i) => [keyOf(item, i), JSON.stringify(item)]))
  const changes: string[] = []
  after.forEach((item, i) => {
    const key = keyOf(item, i)
    const label = typeof item === 'object' && item !== null && 'heading' in item ? `"${String(item.heading)}"` : `#${i}`
    const was = old.get(key)
    if (was === undefined) changes.push(`+${label}`)
    else if (was !== JSON.stringify(item)) changes.push(`~${label}`)
    old.delete(key)
  })
  for (const key of old.keys()) changes.push(`-${key}`)
  return `${before.length} → ${after.length} items: ${changes.join(' ') || 'reordered'}`
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
      if (summary) lines.push(`      ${field}: ${summary}`)
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
