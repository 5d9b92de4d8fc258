/**
 * What a listener's filter may do. It runs on the main thread against each changed document, for
 * every listener (anonymous ones too), and cannot be interrupted: inside a per-item expression
 * (`items[…]`, `items[]{…}`, `| order(…)`), reaching outside the item with `^` or `*` makes it
 * run once per item over the whole document (`*[count(items[@ in ^.items]) > 0]` took 8.7 s per
 * write of a 20,000-item document, every client waiting). Without them an item's expression reads
 * only the item, so a filter costs time linear in the document.
 */
import type {ExprNode} from 'groq-js'

/** Nodes whose named children are evaluated once per item of their base. */
const PER_ITEM: Record<string, string[]> = {
  Filter: ['expr'],
  Map: ['expr'],
  FlatMap: ['expr'],
  Projection: ['expr'],
  PipeFuncCall: ['args'],
}

/** Node types that reach outside the item an expression runs for. */
const OUTSIDE_ITEM: Record<string, string> = {Parent: '^', Everything: '*'}

/**
 * The outside reference (`^` or `*`) a per-item expression of `filter` makes, or null when none does.
 * `filter` is the expression evaluated for each document.
 */
export function outsideItemReference(filter: ExprNode): string | null {
  return walk(filter, false)
}

function walk(node: unknown, perItem: boolean): string | null {
  if (typeof node !== 'object' || node === null) return null
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = walk(item, perItem)
      if (found) return found
    }
    return null
  }
  const type = (node as {type?: unknown}).type
  if (type === 'Value') return null
  if (perItem && typeof type === 'string' && OUTSIDE_ITEM[type]) return OUTSIDE_ITEM[type]
  const itemChildren = typeof type === 'string' ? (PER_ITEM[type] ?? []) : []
  for (const [key, child] of Object.entries(node)) {
    const found = walk(child, perItem || itemChildren.includes(key))
    if (found) return found
  }
  return null
}
