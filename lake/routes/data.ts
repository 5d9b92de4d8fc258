/**
 * The data plane: query, mutate, documents by id, and the datasets API.
 */
import {datasetNotFoundError} from '../errors.ts'
import {isPublishedId} from '../ids.ts'
import type {LakeDocument} from '../types.ts'
import type {Route} from '../routeTypes.ts'
import {existingDataset, requireWriter} from './access.ts'
import {handleMutate} from './dataMutate.ts'
import {handleQuery} from './dataQuery.ts'

/** Fields kept by `excludeContent=true`. */
const SYSTEM_FIELDS = ['_id', '_type', '_rev', '_createdAt', '_updatedAt']

export const dataRoutes: Route[] = [
  {method: 'GET', pattern: '/ping', handle: () => ({json: {ok: true}})},
  {method: 'GET', pattern: '/data/query/:dataset', handle: handleQuery},
  {method: 'POST', pattern: '/data/query/:dataset', handle: handleQuery},
  {method: 'POST', pattern: '/data/mutate/:dataset', handle: handleMutate},
  {
    method: 'GET',
    pattern: '/data/doc/:dataset/:ids',
    handle(req, ctx) {
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      // Each id once: a URL naming one large document 3,000 times made the main thread read,
      // hold (3 GB) and write out 3,000 copies of it (34 s), for anyone.
      const ids = [...new Set((req.params.ids ?? '').split(',').filter(Boolean))]
      const documents: LakeDocument[] = []
      const omitted: Array<{id: string; reason: 'existence' | 'permission'}> = []
      for (const id of ids) {
        if (req.identity === null && !isPublishedId(id)) {
          omitted.push({id, reason: 'permission'})
          continue
        }
        const doc = dataset.get(id)
        if (!doc) omitted.push({id, reason: 'existence'})
        else documents.push(req.query.get('excludeContent') === 'true' ? systemFields(doc) : doc)
      }
      return {json: {documents, omitted}}
    },
  },
  ...datasetRoutes('/datasets'),
  ...datasetRoutes('/projects/:projectId/datasets'),
]

function datasetRoutes(base: string): Route[] {
  return [
    {
      method: 'GET',
      pattern: base,
      // `?datasetProfile=comments` asks for add-on datasets (the Studio's comments and tasks):
      // local datasets have no profile, so any profile filter matches none.
      handle: (req, ctx) => ({
        json: req.query.has('datasetProfile') ? [] : ctx.lake.datasets().map((name) => ({name, aclMode: 'public'})),
      }),
    },
    {
      method: 'PUT',
      pattern: `${base}/:name`,
      handle(req, ctx) {
        requireWriter(req, 'Creating a dataset')
        ctx.lake.dataset(req.params.name ?? '', {create: true})
        return {json: {datasetName: req.params.name, aclMode: 'public'}}
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:name`,
      handle(req, ctx) {
        requireWriter(req, 'Deleting a dataset')
        const name = req.params.name ?? ''
        if (!ctx.lake.deleteDataset(name)) throw datasetNotFoundError(name, req.params.projectId ?? req.projectId ?? 'local')
        return {json: {deleted: true}}
      },
    },
  ]
}

function systemFields(doc: LakeDocument): LakeDocument {
  return Object.fromEntries(SYSTEM_FIELDS.filter((key) => key in doc).map((key) => [key, doc[key]])) as LakeDocument
}
