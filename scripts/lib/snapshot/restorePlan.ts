/**
 * In what order to write a snapshot's documents so that every strong reference points to a
 * document already written or written in the same transaction (the lake checks referential
 * integrity at the end of each transaction). Pure.
 */

import {referencedIds} from '../history/references.ts'

type Doc = Record<string, unknown>

/**
 * The documents in batches of at most about `maxBytes` of JSON: referenced documents before
 * those that reference them (a depth-first order), and a batch is only closed when nothing in
 * it points to a document not written yet, so a reference cycle stays in one batch.
 */
export function restoreBatches(docs: Doc[], maxBytes: number): Doc[][] {
  const byId = new Map(docs.map((doc) => [String(doc._id), doc]))
  const ordered: Doc[] = []
  const visited = new Set<string>()
  const visit = (id: string) => {
    if (visited.has(id)) return
    visited.add(id)
    const doc = byId.get(id)
    if (!doc) return
    for (const ref of [...referencedIds(doc)].sort()) visit(ref)
    ordered.push(doc)
  }
  for (const id of [...byId.keys()].sort()) visit(id)

  const batches: Doc[][] = []
  const placed = new Set<string>()
  let batch: Doc[] = []
  let bytes = 0
  const pending = new Set<string>()
  for (const doc of ordered) {
    const id = String(doc._id)
    batch.push(doc)
    placed.add(id)
    pending.delete(id)
    bytes += JSON.stringify(doc).length
    for (const ref of referencedIds(doc)) if (byId.has(ref) && !placed.has(ref)) pending.add(ref)
    if (bytes >= maxBytes && pending.size === 0) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
  }
  if (batch.length) batches.push(batch)
  return batches
}
