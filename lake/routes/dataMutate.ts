/** `POST /data/mutate/:dataset`: one transaction of mutations. */
import {mutationError} from '../errors.ts'
import type {MutationResult} from '../applyMutations.ts'
import type {Mutation, Transaction} from '../types.ts'
import type {LakeRequest, LakeResponse, RouteContext} from '../routeTypes.ts'
import {requireWriter, writableDataset} from './access.ts'

/** Handles a mutate request; the dataset is created on first write. */
export async function handleMutate(req: LakeRequest, ctx: RouteContext): Promise<LakeResponse> {
  const identity = requireWriter(req, 'Writing documents')
  const body = await req.json()
  if (typeof body !== 'object' || body === null || !Array.isArray((body as {mutations?: unknown}).mutations)) {
    throw mutationError(400, 'The body must be {"mutations": [...]} with an array of mutations')
  }
  const {mutations, transactionId, dryRun} = body as {mutations: Mutation[]; transactionId?: unknown; dryRun?: unknown}
  if (mutations.length === 0) throw mutationError(400, 'The "mutations" array is empty')
  if (transactionId !== undefined && typeof transactionId !== 'string') {
    throw mutationError(400, 'The "transactionId" must be a string')
  }
  const dataset = writableDataset(ctx, req.params.dataset ?? '')
  const transaction = await dataset.transactGrouped(() => mutations, {
    author: identity.id,
    transactionId,
    dryRun: dryRun === true || req.query.get('dryRun') === 'true',
    autoGenerateArrayKeys: req.query.get('autoGenerateArrayKeys') === 'true',
    refuseSystemDocuments: true,
  })
  const withDocuments = req.query.get('returnDocuments') === 'true'
  const results = resultsOf(transaction).map((result) => {
    if (!withDocuments) return result
    const change = transaction.changes.find((item) => item.id === result.id)
    const document = change ? (change.after ?? change.before) : dataset.get(result.id)
    return document ? {...result, document} : result
  })
  return {json: {transactionId: transaction.id, results}}
}

function resultsOf(transaction: Transaction): MutationResult[] {
  const results = (transaction as Transaction & {results?: MutationResult[]}).results
  return results ?? transaction.changes.map((change) => ({id: change.id, operation: change.operation}))
}
