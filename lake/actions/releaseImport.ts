/**
 * `sanity.action.release.import`: writes a release document as exported (`sanity dataset
 * import` sends one per `_.releases.<id>` line of an export), state and metadata included, so a
 * release round-trips through export and import. `ifExists`: `fail` (409), `ignore` (keep the
 * existing one) or `replace`.
 */
import {actionError} from '../errors.ts'
import {releaseDocumentId} from '../ids.ts'
import {contentOf, isRecord, requireNewReleaseId, requireObject, type Action, type Plan} from './plan.ts'

const IF_EXISTS = ['fail', 'ignore', 'replace']

/** Imports a release document (see the module comment). */
export function importRelease(plan: Plan, action: Action): void {
  const releaseId = requireNewReleaseId(action)
  const attributes = requireObject(action, 'attributes')
  const ifExists = action.ifExists ?? 'fail'
  if (typeof ifExists !== 'string' || !IF_EXISTS.includes(ifExists)) {
    throw actionError(400, `"ifExists" must be one of ${IF_EXISTS.join(', ')}, got ${JSON.stringify(ifExists)}`)
  }
  const id = releaseDocumentId(releaseId)
  if (plan.get(id)) {
    if (ifExists === 'fail') throw actionError(409, `Release "${releaseId}" already exists`)
    if (ifExists === 'ignore') return
  }
  const metadata = isRecord(attributes.metadata) ? attributes.metadata : {}
  const release = contentOf({...attributes, _id: id, _type: 'system.release'}, id)
  plan.emit({createOrReplace: {...release, name: releaseId, state: release.state ?? 'active', metadata}})
}
