/**
 * The working state of one `data/actions` request: actions turn into low-level mutations, and
 * later actions of the same request see what earlier ones did (the mutations are applied to an
 * overlay with the store's own `applyMutations`, so the preview matches the commit).
 */
import {applyMutations} from '../applyMutations.ts'
import {actionError, LakeError} from '../errors.ts'
import {publishedId} from '../ids.ts'
import type {LakeDocument, Mutation, TransactionReader} from '../types.ts'

/** What the planner needs from the dataset besides the transaction reader. */
export interface PlanEnv {
  reader: TransactionReader
  /** Ids of current documents whose id starts with `prefix` (committed state). */
  idsWithPrefix(prefix: string): string[]
  /** The last version of a document that existed, from history (for release unarchive). */
  lastRevision(id: string): LakeDocument | null
  transactionId: string
  /** ISO time used for release timestamps (`publishedAt`). */
  now: string
}

/** An action as sent: `{actionType, ...fields}`. */
export type Action = Record<string, unknown>

/** Accumulates the mutations of a request and the documents they produce. */
export class Plan {
  readonly env: PlanEnv
  readonly mutations: Mutation[] = []
  private readonly overlay = new Map<string, LakeDocument | null>()

  constructor(env: PlanEnv) {
    this.env = env
  }

  /** The document as of this request so far. */
  get(id: string): LakeDocument | null {
    return this.overlay.has(id) ? (this.overlay.get(id) ?? null) : this.env.reader.get(id)
  }

  /** Ids (as of this request so far) starting with `prefix`. */
  idsWithPrefix(prefix: string): string[] {
    const ids = new Set(this.env.idsWithPrefix(prefix))
    for (const id of this.overlay.keys()) if (id.startsWith(prefix)) ids.add(id)
    return [...ids].filter((id) => this.get(id) !== null).sort()
  }

  /**
   * Adds mutations and applies them to the overlay.
   * @throws LakeError as an `actionError` when a mutation fails (same status).
   */
  emit(...mutations: Mutation[]): void {
    try {
      applyMutations(mutations, {
        get: (id) => this.get(id),
        queryIds: () => [],
        put: (id, doc) => this.overlay.set(id, doc),
        transactionId: this.env.transactionId,
        timestamp: this.env.now,
        autoGenerateArrayKeys: false,
        // The store applies these mutations again and checks each document's final state then.
        skipLimits: true,
      })
    } catch (error) {
      if (error instanceof LakeError) throw actionError(error.status, describe(error))
      throw error
    }
    this.mutations.push(...mutations)
  }
}

/** A document's content without the fields the store sets, ready to be written under another id. */
export function contentOf(doc: LakeDocument, id: string): LakeDocument {
  const {_rev, _updatedAt, ...rest} = doc
  return {...rest, _id: id}
}

/**
 * A new release's id: letters, digits, `_` and `-`, as a perspective names it. A dot made one
 * release's versions another's: `versions.a.b.x` is release `a`'s version of `b.x`, so publishing
 * release `a` published (and removed) the version the Studio had made for release `a.b`.
 * @throws LakeError 400 actionError otherwise.
 */
export function requireNewReleaseId(action: Action): string {
  const releaseId = requireString(action, 'releaseId')
  if (!/^[A-Za-z0-9_-]+$/.test(releaseId)) {
    throw actionError(400, `"releaseId" may hold only letters, digits, "_" and "-", got ${JSON.stringify(releaseId)}`)
  }
  return releaseId
}

/**
 * A required string field of an action.
 * @throws LakeError 400 when missing.
 */
export function requireString(action: Action, field: string): string {
  const value = action[field]
  if (typeof value !== 'string' || value === '') {
    throw actionError(400, `"${String(action.actionType)}" needs a string "${field}"`)
  }
  return value
}

/**
 * A required object field of an action.
 * @throws LakeError 400 when missing.
 */
export function requireObject(action: Action, field: string): Record<string, unknown> {
  const value = action[field]
  if (!isRecord(value)) throw actionError(400, `"${String(action.actionType)}" needs an object "${field}"`)
  return value
}

/** True for plain JSON objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks that `id` is a draft or version of `published`.
 * @throws LakeError 400 otherwise.
 */
export function requireVersionOf(id: string, published: string, field: string): void {
  if (id === published || publishedId(id) !== published) {
    throw actionError(400, `"${field}" must be a draft or version id of "${published}", got "${id}"`)
  }
}

function describe(error: LakeError): string {
  const inner = error.body.error
  return isRecord(inner) && typeof inner.description === 'string' ? inner.description : error.message
}
