import type {Mutation, PatchOperations} from '@sanity/client'
import {writes, type ArticlePlan} from './planArticle.ts'
import type {DocumentPlan} from './planDocument.ts'

/**
 * One article's mutations, all in the same transaction. New documents are `create`d (the
 * transaction fails if someone created one meanwhile); changed ones are patched with `ifRevisionID`, so an editor's
 * save between plan and commit fails the transaction instead of being overwritten.
 */
export function buildMutations(plan: ArticlePlan, importedAt: string): Mutation[] {
  return plan.documents.flatMap((doc) => documentMutations(doc, plan.file, importedAt))
}

/** How many mutations `buildMutations` makes for `plan`, without making them. */
export function countMutations(plan: ArticlePlan): number {
  return plan.documents.reduce((count, doc) => count + (writes(doc) ? (doc.draft ? 2 : 1) : 0), 0)
}

/**
 * The most bytes of a mutation request the Content Lake accepts (the hosted API's limit, which the
 * local lake keeps: lake/handler.ts BODY_LIMIT_BYTES).
 */
export const MAX_REQUEST_BYTES = 4_000_000

/**
 * One article's part of a transaction's request body: its mutations as the items of a JSON array
 * (comma-separated, without the brackets), serialised once, when the article joins the
 * transaction. Kept as UTF-8 bytes, which is what the request sends: a transaction waits for the
 * lake's answer through several collections of V8's young generation, and text would be copied by
 * each of them and then promoted, where bytes live outside the JavaScript heap. `chars` is the
 * length of the text, which the bound on a body counts.
 */
export interface MutationsJson {
  bytes: Buffer
  chars: number
}

export function mutationsJson(mutations: Mutation[]): MutationsJson {
  const text = JSON.stringify(mutations).slice(1, -1)
  return {bytes: Buffer.from(text), chars: text.length}
}

/**
 * The mutate request's body of one transaction (`{"mutations": [...]}`), as UTF-8 JSON: it is sent
 * as it is. `parts` are the articles' `mutationsJson` bytes. With `transactionId`, the lake
 * commits it under that id (so the seed can ask afterwards whether it committed).
 */
export function transactionBody(parts: Uint8Array[], transactionId?: string): Buffer {
  const pieces: Uint8Array[] = [Buffer.from('{"mutations":[')]
  for (const part of parts) {
    if (part.length === 0) continue
    if (pieces.length > 1) pieces.push(COMMA)
    pieces.push(part)
  }
  pieces.push(Buffer.from(transactionId === undefined ? ']}' : `],"transactionId":${JSON.stringify(transactionId)}}`))
  return Buffer.concat(pieces)
}

const COMMA = Buffer.from(',')

function seedImportOf(file: string, importedAt: string, doc: DocumentPlan) {
  return {_type: 'seedImport', file, importedAt, fieldHashes: doc.fieldHashes}
}

function documentMutations(doc: DocumentPlan, file: string, importedAt: string): Mutation[] {
  const mutations: Mutation[] = []
  const seedImport = seedImportOf(file, importedAt, doc)
  if (doc.action === 'create') {
    mutations.push({create: {_id: doc.id, _type: doc.type, ...doc.set, seedImport}})
  } else if (doc.action === 'update') {
    const patch: PatchOperations = {set: {...doc.set, seedImport}, ...(doc.unset.length > 0 ? {unset: doc.unset} : {})}
    mutations.push({patch: {id: doc.id, ...(doc.before?._rev ? {ifRevisionID: doc.before._rev} : {}), ...patch}})
  }
  if (doc.draft && writes(doc)) {
    const patch: PatchOperations = {
      ...(Object.keys(doc.draft.set).length > 0 ? {set: doc.draft.set} : {}),
      ...(doc.draft.unset.length > 0 ? {unset: doc.draft.unset} : {}),
    }
    mutations.push({patch: {id: doc.draft.id, ...(doc.draft.rev ? {ifRevisionID: doc.draft.rev} : {}), ...patch}})
  }
  return mutations
}
