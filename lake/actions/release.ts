/**
 * `sanity.action.release.*` on `_.releases.<id>` documents of `_type: 'system.release'`.
 * Scheduling records `publishAt` and the state; `lake/scheduler.ts` publishes the release at that time.
 */
import {actionError} from '../errors.ts'
import {publishedId, releaseDocumentId, releaseVersionsPrefix} from '../ids.ts'
import type {LakeDocument} from '../types.ts'
import {publishedContent} from './document.ts'
import {contentOf, isRecord, requireNewReleaseId, requireObject, requireString, type Action, type Plan} from './plan.ts'

/** Creates an active release. */
export function createRelease(plan: Plan, action: Action): void {
  const releaseId = requireNewReleaseId(action)
  const id = releaseDocumentId(releaseId)
  if (plan.get(id)) throw actionError(409, `Release "${releaseId}" already exists`)
  const metadata = isRecord(action.metadata) ? action.metadata : {}
  plan.emit({
    create: {_id: id, _type: 'system.release', name: releaseId, state: 'active', metadata: {releaseType: 'undecided', ...metadata}},
  })
}

/**
 * Patches a release's metadata (the Studio sets `metadata` and unsets `metadata.<key>`). Nothing
 * else: a release's state, `publishAt` and versions change only through the release actions,
 * which check them (a `set` of `state: 'scheduled'` with any `publishAt` had the scheduler
 * publish at once; an unset `state` left a release no action could archive or delete).
 */
export function editRelease(plan: Plan, action: Action): void {
  const {releaseId} = requireRelease(plan, action)
  const {id: _id, query: _query, ...operations} = requireObject(action, 'patch')
  const outside = patchPaths(operations).find((path) => !/^metadata(?:$|[.[])/.test(path))
  if (outside !== undefined) {
    throw actionError(400, `"sanity.action.release.edit" changes only a release's metadata, not "${outside}"`)
  }
  plan.emit({patch: {...operations, id: releaseDocumentId(releaseId)}})
}

/** The paths a patch's operations name (their shape is checked later, by patchShape.ts). */
function patchPaths(operations: Record<string, unknown>): string[] {
  const paths: string[] = []
  for (const [operation, value] of Object.entries(operations)) {
    if (operation === 'ifRevisionID') continue
    if (operation === 'unset' && Array.isArray(value)) paths.push(...value.map(String))
    else if (operation === 'insert' && isRecord(value)) {
      for (const position of ['before', 'after', 'replace']) if (position in value) paths.push(String(value[position]))
    } else if (isRecord(value)) paths.push(...Object.keys(value))
    else paths.push(operation)
  }
  return paths
}

/** Publishes every version of the release atomically and marks the release published. */
export function publishRelease(plan: Plan, action: Action): void {
  const {releaseId} = requireRelease(plan, action, ['active', 'scheduled'])
  const versionIds = plan.idsWithPrefix(releaseVersionsPrefix(releaseId))
  for (const versionId of versionIds) {
    const version = plan.get(versionId)
    if (!version) continue
    const published = publishedId(versionId)
    if (isRecord(version._system) && version._system.delete === true) {
      if (plan.get(published)) plan.emit({delete: {id: published}})
    } else {
      plan.emit({createOrReplace: publishedContent(version, published)})
    }
    plan.emit({delete: {id: versionId}})
  }
  plan.emit({
    patch: {
      id: releaseDocumentId(releaseId),
      set: {state: 'published', publishedAt: plan.env.now, finalDocumentStates: versionIds.map((id) => ({id}))},
      unset: ['publishAt'],
    },
  })
}

/** Archives an active release: its versions are deleted and remembered in `finalDocumentStates`. */
export function archiveRelease(plan: Plan, action: Action): void {
  const {releaseId} = requireRelease(plan, action, ['active'])
  const versionIds = plan.idsWithPrefix(releaseVersionsPrefix(releaseId))
  if (versionIds.length > 0) plan.emit(...versionIds.map((id) => ({delete: {id}})))
  plan.emit({
    patch: {id: releaseDocumentId(releaseId), set: {state: 'archived', finalDocumentStates: versionIds.map((id) => ({id}))}},
  })
}

/** Makes an archived release active again, restoring its versions from history. */
export function unarchiveRelease(plan: Plan, action: Action): void {
  const {releaseId, release} = requireRelease(plan, action, ['archived'])
  const states = Array.isArray(release.finalDocumentStates) ? release.finalDocumentStates : []
  for (const state of states) {
    if (!isRecord(state) || typeof state.id !== 'string' || plan.get(state.id)) continue
    const last = plan.env.lastRevision(state.id)
    if (last) plan.emit({create: contentOf(last, state.id)})
  }
  plan.emit({patch: {id: releaseDocumentId(releaseId), set: {state: 'active'}, unset: ['finalDocumentStates']}})
}

/**
 * Schedules an active release for `publishAt`. A time already past is accepted, not refused:
 * hosted then publishes the release at once (@sanity/client `releases.schedule`: "If the
 * `publishAt` is in the past, the release will be published immediately"), as scheduler.ts does.
 */
export function scheduleRelease(plan: Plan, action: Action): void {
  const {releaseId} = requireRelease(plan, action, ['active'])
  const publishAt = requireString(action, 'publishAt')
  if (Number.isNaN(Date.parse(publishAt))) throw actionError(400, `"publishAt" must be an ISO 8601 time, got "${publishAt}"`)
  plan.emit({patch: {id: releaseDocumentId(releaseId), set: {state: 'scheduled', publishAt}}})
}

/** Returns a scheduled release to active. */
export function unscheduleRelease(plan: Plan, action: Action): void {
  const {releaseId} = requireRelease(plan, action, ['scheduled'])
  plan.emit({patch: {id: releaseDocumentId(releaseId), set: {state: 'active'}, unset: ['publishAt']}})
}

/** Deletes an archived or published release document. */
export function deleteRelease(plan: Plan, action: Action): void {
  const {releaseId} = requireRelease(plan, action, ['archived', 'published'])
  plan.emit({delete: {id: releaseDocumentId(releaseId)}})
}

function requireRelease(plan: Plan, action: Action, states?: string[]): {releaseId: string; release: LakeDocument} {
  const releaseId = requireString(action, 'releaseId')
  const release = plan.get(releaseDocumentId(releaseId))
  if (!release) throw actionError(409, `Release "${releaseId}" does not exist`)
  if (states && !states.includes(String(release.state))) {
    throw actionError(409, `Release "${releaseId}" is ${String(release.state)}; "${String(action.actionType)}" needs it to be ${states.join(' or ')}`)
  }
  return {releaseId, release}
}
