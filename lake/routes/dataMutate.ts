/** `POST /data/mutate/:dataset`: one transaction of mutations. */
import {documentJson} from '../documentLimits.ts'
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
  const results = resultsOf(transaction)
  if (req.query.get('returnDocuments') !== 'true') return {json: {transactionId: transaction.id, results}}
  const changes = new Map(transaction.changes.map((change) => [change.id, change]))
  let budget = RETURNED_DOCUMENTS_MAX
  const withDocuments = results.map((result) => {
    const change = changes.get(result.id)
    const document = change ? (change.after ?? change.before) : dataset.get(result.id)
    if (!document) return result
    budget -= documentJson(document).length
    return budget >= 0 ? {...result, document} : result
  })
  return {json: {transactionId: transaction.id, results: withDocuments}}
}

/**
 * The most JSON the documents of one answer may add up to. Each result carries its document's
 * final state, so 1,000 patches of one 3 MB document would answer 3 GB: more than a string can
 * hold, a 500 after the write had committed (a client would retry it). Past it, results go
 * without their document; the write stands and the documents can be fetched.
 */
const RETURNED_DOCUMENTS_MAX = 64 * 1024 * 1024

function resultsOf(transaction: Transaction): MutationResult[] {
  const results = (transaction as Transaction & {results?: MutationResult[]}).results
  return results ?? transaction.changes.map((change) => ({id: change.id, operation: change.operation}))
}
