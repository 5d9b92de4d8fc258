/**
 * `data/actions`: turns Content Lake actions into the low-level mutations of one transaction.
 * Listeners and the Studio's local `@sanity/mutator` replay those mutations, so they are plain
 * `create`/`createIfNotExists`/`createOrReplace`/`patch`/`delete` that reproduce the result.
 */
import {actionError} from '../errors.ts'
import {idKind, publishedId} from '../ids.ts'
import {lastRevision} from '../historyReads.ts'
import type {Dataset, Mutation, TransactionReader} from '../types.ts'
import {
  createDocument,
  deleteDocument,
  discardDocument,
  editDocument,
  publishDocument,
  replaceDraft,
  unpublishDocument,
} from './document.ts'
import {isRecord, Plan, type Action, type PlanEnv} from './plan.ts'
import {
  archiveRelease,
  createRelease,
  deleteRelease,
  editRelease,
  publishRelease,
  scheduleRelease,
  unarchiveRelease,
  unscheduleRelease,
} from './release.ts'
import {importRelease} from './releaseImport.ts'
import {createVersion, discardVersion, replaceVersion, unpublishVersion} from './version.ts'

export type {PlanEnv} from './plan.ts'

const HANDLERS: Record<string, (plan: Plan, action: Action) => void> = {
  'sanity.action.document.create': createDocument,
  'sanity.action.document.edit': editDocument,
  'sanity.action.document.publish': publishDocument,
  'sanity.action.document.unpublish': unpublishDocument,
  'sanity.action.document.delete': deleteDocument,
  'sanity.action.document.discard': discardDocument,
  'sanity.action.document.replaceDraft': replaceDraft,
  'sanity.action.document.version.create': createVersion,
  'sanity.action.document.version.discard': discardVersion,
  'sanity.action.document.version.replace': replaceVersion,
  'sanity.action.document.version.unpublish': unpublishVersion,
  'sanity.action.release.create': createRelease,
  'sanity.action.release.edit': editRelease,
  'sanity.action.release.publish': publishRelease,
  'sanity.action.release.archive': archiveRelease,
  'sanity.action.release.unarchive': unarchiveRelease,
  'sanity.action.release.schedule': scheduleRelease,
  'sanity.action.release.unschedule': unscheduleRelease,
  'sanity.action.release.delete': deleteRelease,
  'sanity.action.release.import': importRelease,
}

/**
 * Document and version actions never write a system document (`_.releases.x`) or a draft or
 * version of one: a delete of `_.releases.x` removed an active release and left its versions
 * behind, a publish of `drafts._.releases.x` replaced the release with any document. Releases
 * change through the release actions, which check their state.
 * @throws LakeError 400 (`actionError`) naming the id.
 */
function refuseSystemTargets(mutations: Mutation[], index: number): void {
  for (const mutation of mutations) {
    for (const body of Object.values(mutation)) {
      const id = isRecord(body) ? (body._id ?? body.id) : undefined
      if (typeof id === 'string' && idKind(publishedId(id)) === 'system') {
        throw actionError(400, `actions[${index}]: Document ID "${id}" is reserved for system documents: releases change through the release actions`)
      }
    }
  }
}

/**
 * `planActions` inside a transaction of `dataset`: the documents come from the transaction's
 * `reader`, ids by prefix and earlier revisions from the dataset (the actions route and the
 * scheduler's publishes).
 */
export function planActionsIn(dataset: Dataset, reader: TransactionReader, actions: unknown, tx: {transactionId: string; now: string}): Mutation[] {
  return planActions(actions, {
    reader,
    idsWithPrefix: (prefix) => [...dataset.scan({idPrefixes: [prefix]})].map((doc) => doc._id),
    lastRevision: (id) => lastRevision(dataset, id),
    ...tx,
  })
}

/** The prefix of the release actions, which the Actions API never mixes with document and version actions in one transaction. */
const RELEASE_ACTION = 'sanity.action.release.'

/**
 * The mutations that carry out `actions`, in order. Release actions and document or version
 * actions are not mixed in one request (sanity.io/docs/content-lake/mutation-patterns: "you cannot
 * mix document/version and release actions in a single transaction").
 * @throws LakeError (`actionError`) 400 for malformed or unknown actions or a mix, 409 for conflicts.
 */
function planActions(actions: unknown, env: PlanEnv): Mutation[] {
  if (!Array.isArray(actions) || actions.length === 0) {
    throw actionError(400, 'The body needs a non-empty "actions" array')
  }
  const plan = new Plan(env)
  let first: {releases: boolean; actionType: string} | null = null
  actions.forEach((action, index) => {
    if (!isRecord(action)) throw actionError(400, `actions[${index}] must be an object`)
    const handler = typeof action.actionType === 'string' ? HANDLERS[action.actionType] : undefined
    if (!handler) throw actionError(400, `actions[${index}]: unknown actionType "${String(action.actionType)}"`)
    const actionType = String(action.actionType)
    const releases = actionType.startsWith(RELEASE_ACTION)
    first ??= {releases, actionType}
    if (releases !== first.releases) {
      throw actionError(
        400,
        `actions[${index}]: "${actionType}" cannot share a transaction with "${first.actionType}": release actions and document or version actions go in separate requests`,
      )
    }
    const emitted = plan.mutations.length
    handler(plan, action)
    if (!releases) refuseSystemTargets(plan.mutations.slice(emitted), index)
  })
  return plan.mutations
}
