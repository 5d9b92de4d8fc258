/**
 * `POST /data/actions/:dataset`: all actions of a request commit as one transaction.
 */
import {planActionsIn} from '../actions/index.ts'
import {isRecord} from '../actions/plan.ts'
import {actionError, asActionError, LakeError} from '../errors.ts'
import {randomId} from '../ids.ts'
import type {TransactionReader} from '../types.ts'
import type {Route} from '../routeTypes.ts'
import {requireWriter, writableDataset} from './access.ts'

/** The actions routes; spread into the route registry. */
export const actionsRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/data/actions/:dataset',
    async handle(req, ctx) {
      const identity = requireWriter(req, 'Actions')
      const body = await req.json()
      // After the body: a dataset deleted while it arrived is made again, as by a first write.
      const dataset = writableDataset(ctx, req.params.dataset ?? '')
      if (!isRecord(body)) throw actionError(400, 'The body must be a JSON object with "actions"')
      const {actions, transactionId, dryRun} = body
      if (transactionId !== undefined && (typeof transactionId !== 'string' || transactionId === '')) {
        throw actionError(400, '"transactionId" must be a non-empty string')
      }
      const txId = transactionId ?? randomId()
      const plan = (reader: TransactionReader) => planActionsIn(dataset, reader, actions, {transactionId: txId, now: new Date().toISOString()})
      const options = {transactionId: txId, author: identity.id, dryRun: dryRun === true || req.query.get('dryRun') === 'true'}
      try {
        return {json: {transactionId: dataset.transact(plan, options).id}}
      } catch (error) {
        // The store's own checks (references) speak of mutations; the actions API of actions.
        throw error instanceof LakeError ? asActionError(error) : error
      }
    },
  },
  {
    // Studio v3's feature probe; harmless for newer Studios.
    method: 'GET',
    pattern: '/data/actions/:dataset',
    handle: () => ({json: {enabled: true, compatibleStudioVersions: '*'}}),
  },
]
