import {seedWarning, type SeedWarning} from '../parse/seedError.ts'
import type {PreparedArticle} from './prepareArticle.ts'

/** Which file (by index) first wrote each shared document in this run, and what it wrote. */
export type Claims = Map<string, {file: number; hash: string}>

/**
 * Claims the article's related documents (publisher, author, sources) for this run and returns
 * the ids an earlier article already claimed: those are left to it. A document an earlier file
 * wrote differently gets a warning; the first version wins, so re-runs stay write-free.
 */
export function claimShared(prepared: PreparedArticle, claims: Claims, fileIndex: number, files: string[], warnings: SeedWarning[]): Set<string> {
  const skip = new Set<string>()
  for (const doc of prepared.docs) {
    if (doc.claimHash === undefined) continue
    const first = claims.get(doc.id)
    if (!first) {
      claims.set(doc.id, {file: fileIndex, hash: doc.claimHash})
      continue
    }
    skip.add(doc.id)
    if (first.hash !== doc.claimHash) {
      warnings.push(seedWarning(prepared.file, 0, `${doc.id} is written differently in ${files[first.file] ?? 'an earlier file'}; the first version was kept`))
    }
  }
  return skip
}
