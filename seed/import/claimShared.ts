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
  prepared.documents.related.forEach((doc, index) => {
    const hash = prepared.hashes[index]?.claim
    if (hash === undefined) return
    const first = claims.get(doc._id)
    if (!first) {
      claims.set(doc._id, {file: fileIndex, hash})
      return
    }
    skip.add(doc._id)
    if (first.hash !== hash) {
      warnings.push(seedWarning(prepared.documents.file, 0, `${doc._id} is written differently in ${files[first.file] ?? 'an earlier file'}; the first version was kept`))
    }
  })
  return skip
}
