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

/**
 * The JSON of `mutations` (as built by `buildMutations` for `plan`), made without serialising a
 * created document again when `prepareArticle` already did (`createJson`): equal, byte for byte,
 * to `JSON.stringify(mutations)`.
 */
export function serializeMutations(mutations: Mutation[], createJson: Record<string, string>): string {
  const parts = mutations.map((mutation) => {
    if (!('create' in mutation)) return JSON.stringify(mutation)
    // `buildMutations` creates `{_id, _type, ...all content fields sorted, seedImport}`: the prefix is all but the last.
    const {_id, seedImport} = mutation.create as {_id?: string; seedImport?: unknown}
    const prefix = _id === undefined ? undefined : createJson[_id]
    return prefix === undefined || seedImport === undefined ? JSON.stringify(mutation) : `{"create":${prefix},"seedImport":${JSON.stringify(seedImport)}}}`
  })
  return `[${parts.join(',')}]`
}
