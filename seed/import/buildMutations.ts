import type {Mutation, PatchOperations} from '@sanity/client'
import {writes, type ArticlePlan} from './planArticle.ts'
import type {DocumentPlan} from './planDocument.ts'
import type {PreparedArticle} from './prepareArticle.ts'

/**
 * The mutations of one article's transaction. New documents are `create`d (the transaction fails
 * if someone created one meanwhile); changed ones are patched with `ifRevisionID`, so an editor's
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
 * The mutate request's body (UTF-8 JSON, `{"mutations": buildMutations(plan, importedAt)}`), made
 * in one piece: it is sent as it is. A created
 * document is written from its prepared JSON (`PreparedDocument.createJson`) with `seedImport`
 * appended, so its values are neither read nor serialised again here; the result is the same
 * JSON up to the order of keys inside field values (canonical there). With `transactionId`, the
 * lake commits it under that id (so the seed can ask afterwards whether it committed).
 */
export function serializeMutations(plan: ArticlePlan, importedAt: string, prepared: PreparedArticle, transactionId?: string): Buffer {
  const createJson = new Map(prepared.docs.map((doc) => [doc.id, doc.createJson]))
  const parts: Uint8Array[] = []
  for (const doc of plan.documents) {
    const json = doc.action === 'create' && !doc.draft ? createJson.get(doc.id) : undefined
    const separator = parts.length > 0 ? ',' : ''
    if (json) {
      parts.push(Buffer.from(`${separator}{"create":`), json, Buffer.from(`,"seedImport":${JSON.stringify(seedImportOf(plan.file, importedAt, doc))}}}`))
      continue
    }
    const mutations = documentMutations(doc, plan.file, importedAt).map((mutation) => JSON.stringify(mutation))
    if (mutations.length > 0) parts.push(Buffer.from(`${separator}${mutations.join(',')}`))
  }
  const close = transactionId === undefined ? MUTATIONS_CLOSE : Buffer.from(`],"transactionId":${JSON.stringify(transactionId)}}`)
  return Buffer.concat([MUTATIONS_OPEN, ...parts, close])
}

const MUTATIONS_OPEN = Buffer.from('{"mutations":[')
const MUTATIONS_CLOSE = Buffer.from(']}')

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
