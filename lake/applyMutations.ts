/**
 * Applies the mutations of one transaction to documents, without touching storage: the store
 * gives a reader of the current state and a way to resolve query targets, and gets back what
 * changed. Patches are applied by `@sanity/mutator` so server and Studio agree by construction.
 */
import {Mutation as Mutator} from '@sanity/mutator'
import {mutationError} from './errors.ts'
import {idKind, randomId} from './ids.ts'
import {addArrayKeys, checkDocumentLimits} from './documentLimits.ts'
import {checkPatchShape} from './patchShape.ts'
import type {LakeDocument, Mutation} from './types.ts'

export interface ApplyContext {
  /** The document as of the transaction so far (committed state plus earlier writes). */
  get(id: string): LakeDocument | null
  /** Ids of the documents a GROQ query selects, seen from the transaction so far. */
  queryIds(query: string, params: Record<string, unknown>): string[]
  /** Writes a document (null deletes) into the transaction's pending state; `index` is the mutation's. */
  put(id: string, doc: LakeDocument | null, mutation: Mutation, index: number): void
  transactionId: string
  timestamp: string
  autoGenerateArrayKeys: boolean
  /** Refuse writes to system documents (`_.releases.x`); see `CommitOptions`. */
  refuseSystemDocuments?: boolean
  /**
   * Leave the documents' size and depth unchecked: for a pass whose mutations a later pass applies
   * again and checks (the actions' planner, before the store), so a document is not serialized per action.
   */
  skipLimits?: boolean
}

/** The context of one mutation: its writes are that mutation's. */
type MutationContext = Omit<ApplyContext, 'put'> & {put(id: string, doc: LakeDocument | null, mutation: Mutation): void}

/** One entry of the `data/mutate` response `results`. */
export interface MutationResult {
  id: string
  operation: 'create' | 'update' | 'delete' | 'none'
}

/**
 * Applies `mutations` in order through `ctx`.
 * @throws LakeError 409 on conflicts (existing id on create, revision mismatch, missing document
 * on patch), 400 on malformed mutations or documents beyond the limits.
 */
export function applyMutations(mutations: Mutation[], ctx: ApplyContext): MutationResult[] {
  if (!Array.isArray(mutations)) throw mutationError(400, 'The "mutations" field must be an array')
  const results: MutationResult[] = []
  // Each document's limits are checked once, in its final state: checked after each mutation, a
  // thousand patches of a 3 MB document serialized it a thousand times (11 s of the main thread).
  const written = new Map<string, {doc: LakeDocument; index: number}>()
  mutations.forEach((mutation, index) => {
    try {
      const put: MutationContext['put'] = (id, doc, recorded) => {
        ctx.put(id, doc, recorded, index)
        if (doc) written.set(id, {doc, index})
        else written.delete(id)
      }
      results.push(...applyOne(mutation, {...ctx, put}))
    } catch (error) {
      throw withIndex(error, index)
    }
  })
  for (const [id, {doc, index}] of ctx.skipLimits ? [] : written) {
    try {
      checkDocumentLimits(id, doc)
    } catch (error) {
      throw withIndex(error, index)
    }
  }
  return results
}

function applyOne(mutation: Mutation, ctx: MutationContext): MutationResult[] {
  if (!isRecord(mutation)) throw mutationError(400, 'Each mutation must be an object')
  const kinds = Object.keys(mutation)
  if (kinds.length !== 1) {
    throw mutationError(400, `A mutation must have exactly one operation, got: ${kinds.join(', ') || 'none'}`)
  }
  const kind = kinds[0] ?? ''
  const body = mutation[kind]
  if (!isRecord(body)) throw mutationError(400, `The "${kind}" mutation must be an object`)
  switch (kind) {
    case 'create':
    case 'createOrReplace':
    case 'createIfNotExists':
      return [createLike(kind, body, ctx)]
    case 'delete':
      return targets(body, ctx).map((id) => remove(id, ctx))
    case 'patch':
      if ('ifRevisionID' in body && typeof body.ifRevisionID !== 'string') {
        throw mutationError(400, `"ifRevisionID" must be a string (a document's _rev), got ${JSON.stringify(body.ifRevisionID)}`)
      }
      checkPatchShape(body)
      return targets(body, ctx).map((id) => patch(id, body, ctx))
    default:
      throw mutationError(400, `Unknown mutation type "${kind}"`)
  }
}

function createLike(kind: string, input: Record<string, unknown>, ctx: MutationContext): MutationResult {
  const body = ctx.autoGenerateArrayKeys ? addArrayKeys(input) : input
  if (typeof body._type !== 'string' || body._type === '') {
    throw mutationError(400, `The document in "${kind}" must have a string "_type"`)
  }
  let id = body._id
  if (kind === 'create' && (id === undefined || id === '')) id = randomId()
  else if (kind === 'create' && typeof id === 'string' && id.endsWith('.')) id = id + randomId()
  if (typeof id !== 'string' || id === '') throw mutationError(400, `The document in "${kind}" must have an "_id"`)
  checkTarget(id, ctx)
  const before = ctx.get(id)
  if (before && kind === 'create') throw mutationError(409, `Document by ID "${id}" already exists`)
  if (before && kind === 'createIfNotExists') return {id, operation: 'none'}
  const createdAt = typeof body._createdAt === 'string' ? body._createdAt : (before?._createdAt ?? ctx.timestamp)
  const doc = {...body, _id: id, _createdAt: createdAt} as LakeDocument
  delete doc._rev
  delete doc._updatedAt
  write(id, doc, {[kind]: doc}, ctx)
  return {id, operation: before ? 'update' : 'create'}
}

function remove(id: string, ctx: MutationContext): MutationResult {
  if (ctx.get(id)) ctx.put(id, null, {delete: {id}})
  return {id, operation: 'delete'}
}

function patch(id: string, input: Record<string, unknown>, ctx: MutationContext): MutationResult {
  const body = ctx.autoGenerateArrayKeys ? addArrayKeys(input) : input
  const before = ctx.get(id)
  if (!before) throw mutationError(409, `Cannot patch document "${id}": it does not exist`)
  if (typeof body.ifRevisionID === 'string' && body.ifRevisionID !== before._rev) {
    throw mutationError(
      409,
      `Document "${id}" has unexpected revision ID "${before._rev}", expected "${body.ifRevisionID}"`,
    )
  }
  const {query: _query, params: _params, ...rest} = body
  const recorded = {patch: {...rest, id}}
  let after: LakeDocument | null
  try {
    after = new Mutator({mutations: [recorded]}).apply(before) as LakeDocument | null
  } catch (error) {
    throw mutationError(400, `Cannot apply patch to "${id}": ${(error as Error).message}`)
  }
  if (!after) return {id, operation: 'none'}
  write(id, {...after, _id: id}, recorded, ctx)
  return {id, operation: 'update'}
}

function write(id: string, doc: LakeDocument, recorded: Mutation, ctx: MutationContext): void {
  if (typeof doc._type !== 'string') throw mutationError(400, `Document "${id}" must have a string "_type"`)
  ctx.put(id, {...doc, _rev: ctx.transactionId, _updatedAt: ctx.timestamp}, recorded)
}

function targets(body: Record<string, unknown>, ctx: MutationContext): string[] {
  let ids: string[]
  if (typeof body.id === 'string' && body.id !== '') ids = [body.id]
  else if (typeof body.query === 'string') {
    if (body.params !== undefined && !isRecord(body.params)) {
      throw mutationError(400, `"params" must be an object of the query's parameters, got ${JSON.stringify(body.params)}`)
    }
    ids = ctx.queryIds(body.query, body.params ?? {})
  }
  else throw mutationError(400, 'A patch or delete needs an "id" or a "query"')
  for (const id of ids) checkTarget(id, ctx)
  return ids
}

/**
 * Sanity's id rules (sanity.io/docs/ids): up to 128 of `a-zA-Z0-9._-`, no segment empty or
 * starting with `-`, `drafts`/`versions` only as prefixes of a document id (`ids.ts` idKind).
 */
function checkTarget(id: string, ctx: ApplyContext): void {
  if (id.length > 128 || !/^[A-Za-z0-9_.-]+$/.test(id) || /(^|\.)-/.test(id) || idKind(id) === 'malformed') {
    // The hosted lake's wording (its mutation errors list `Malformed document ID: "…"`).
    throw mutationError(400, `Malformed document ID: "${id}"`)
  }
  if (ctx.refuseSystemDocuments && idKind(id) === 'system') {
    throw mutationError(400, `Document ID "${id}" is reserved for system documents: releases are written with release actions (data/actions), not mutations`)
  }
}

function withIndex(error: unknown, index: number): unknown {
  if (!(error instanceof Error) || !('body' in error) || !isRecord(error.body)) return error
  const inner = error.body.error
  if (isRecord(inner) && inner.type === 'mutationError' && !inner.items) {
    inner.items = [{error: {description: inner.description, type: 'mutationError'}, index}]
  }
  return error
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
