import type {Mutation, PatchOperations} from '@sanity/client'
import type {ArticlePlan} from './planArticle.ts'

/**
 * The mutations of one article's transaction. New documents are `create`d (the transaction fails
 * if someone created one meanwhile); changed ones are patched with `ifRevisionID`, so an editor's
 * save between plan and commit fails the transaction instead of being overwritten.
 */
export function buildMutations(plan: ArticlePlan, importedAt: string): Mutation[] {
  const mutations: Mutation[] = []
  for (const doc of plan.documents) {
    const seedImport = {_type: 'seedImport', file: plan.file, importedAt, fieldHashes: doc.fieldHashes}
    if (doc.action === 'create') {
      mutations.push({create: {_id: doc.id, _type: doc.type, ...doc.set, seedImport}})
    } else if (doc.action === 'update') {
      const patch: PatchOperations = {set: {...doc.set, seedImport}, ...(doc.unset.length > 0 ? {unset: doc.unset} : {})}
      mutations.push({patch: {id: doc.id, ...(doc.before?._rev ? {ifRevisionID: doc.before._rev} : {}), ...patch}})
    }
    if (doc.draft && (doc.action === 'create' || doc.action === 'update')) {
      const patch: PatchOperations = {
        ...(Object.keys(doc.draft.set).length > 0 ? {set: doc.draft.set} : {}),
        ...(doc.draft.unset.length > 0 ? {unset: doc.draft.unset} : {}),
      }
      mutations.push({patch: {id: doc.draft.id, ...(doc.draft.rev ? {ifRevisionID: doc.draft.rev} : {}), ...patch}})
    }
  }
  return mutations
}
