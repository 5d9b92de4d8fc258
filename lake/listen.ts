/**
 * Listener events: which transactions a listener hears about and what each `mutation` event says.
 * Pure: the SSE wiring lives in `routes/listen.ts`.
 */
import {computeEffects, type MendozaEffects} from './effects.ts'
import {LakeError} from './errors.ts'
import {urlParams} from './groqParams.ts'
import {isPublishedId, isVersionId} from './ids.ts'
import {compileListenFilter, type DocumentMatcher} from './listenFilter.ts'
import type {DocumentChange, Identity, LakeDocument, Mutation, Transaction} from './types.ts'

/** First API version where drafts and versions need `includeAllVersions=true`. */
const ALL_VERSIONS_API_VERSION = '2025-02-19'

/** What one listener asked for. */
export interface ListenOptions {
  query: string
  params: Record<string, unknown>
  matches: DocumentMatcher
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  /** Token holders may see private documents (dotted ids such as `_.releases.x`). */
  authenticated: boolean
  includeDrafts: boolean
  includeVersions: boolean
  visibility: 'query' | 'transaction'
  effectFormat: 'mendoza' | null
}

/** The payload of one `mutation` SSE event. */
export interface MutationEvent {
  eventId: string
  documentId: string
  transactionId: string
  identity: string
  mutations?: Mutation[]
  previousRev?: string
  resultRev: string
  timestamp: string
  transition: 'appear' | 'update' | 'disappear'
  visibility: 'query' | 'transaction'
  effects?: MendozaEffects
  result?: LakeDocument
  previous?: LakeDocument
  transactionTotalEvents: number
  transactionCurrentEvent: number
}

/**
 * Reads the listen request's query string (`query`, `$param=<JSON>`, options).
 * @throws LakeError 400 when `query` is missing, a parameter is not JSON, or the query does not parse.
 */
export function parseListenOptions(
  search: URLSearchParams,
  apiVersion: string | null,
  identity: Identity | null,
): ListenOptions {
  const query = search.get('query')
  if (!query) throw new LakeError(400, 'Missing query parameter "query"')
  const params = urlParams(search)
  const flag = (name: string, fallback: boolean) => {
    const value = search.get(name)
    return value === null ? fallback : value === 'true' || value === '1'
  }
  const allVersions = flag('includeAllVersions', false)
  const modern = apiVersion === 'X' || (apiVersion !== null && apiVersion >= ALL_VERSIONS_API_VERSION)
  const authenticated = identity !== null
  return {
    query,
    params,
    matches: compileListenFilter(query, params, identity?.id),
    includeResult: flag('includeResult', true),
    includePreviousRevision: flag('includePreviousRevision', false),
    includeMutations: flag('includeMutations', true),
    authenticated,
    includeDrafts: authenticated && (allVersions || !modern),
    includeVersions: authenticated && allVersions,
    visibility: search.get('visibility') === 'query' ? 'query' : 'transaction',
    effectFormat: search.get('effectFormat') === 'mendoza' ? 'mendoza' : null,
  }
}

/** Whether a listener with these options may hear about this document id at all. */
export function canSee(options: ListenOptions, id: string): boolean {
  // Anonymous listeners hear of published ids only; other dotted ids (`_.releases.x`) are
  // private: any token sees them, whatever the version flags.
  if (!options.authenticated) return isPublishedId(id)
  if (id.startsWith('drafts.')) return options.includeDrafts
  if (isVersionId(id)) return options.includeVersions
  return true
}

/** One change of a transaction a listener hears of: its index in `tx.changes`, and how it moved. */
export interface HeardChange {
  index: number
  transition: MutationEvent['transition']
}

/** The changes of `tx` one listener hears of, in order: found without building any event. */
export function heardChanges(tx: Transaction, options: ListenOptions): HeardChange[] {
  const heard: HeardChange[] = []
  tx.changes.forEach((change, index) => {
    if (!canSee(options, change.id)) return
    const matchedBefore = change.before !== null && options.matches(change.before)
    const matchedAfter = change.after !== null && options.matches(change.after)
    if (!matchedBefore && !matchedAfter) return
    heard.push({index, transition: matchedBefore && matchedAfter ? 'update' : matchedAfter ? 'appear' : 'disappear'})
  })
  return heard
}

/**
 * What makes two listeners' events for one transaction the same text: the changes they hear of
 * and the options that shape an event. Listeners with equal keys can share one encoded text.
 */
export function eventsKey(options: ListenOptions, heard: HeardChange[]): string {
  const shape = [options.includeMutations, options.includeResult, options.includePreviousRevision, options.visibility, options.effectFormat]
  return `${shape.join()};${heard.map((change) => `${change.index}${change.transition}`).join()}`
}

/**
 * The large parts of a change's events (documents, mutations, effects) as UTF-8 JSON, made once
 * per change whatever the number of listeners asking: listeners of different shapes (with or
 * without results, mutations, previous revisions) encode their events apart, and each computing
 * the effects again made a 1 MB change cost 32 computations.
 */
const encodedParts = new WeakMap<DocumentChange, Map<string, Uint8Array>>()
const utf8 = new TextEncoder()

function encodedPart(change: DocumentChange, name: 'mutations' | 'effects' | 'result' | 'previous'): Uint8Array {
  let parts = encodedParts.get(change)
  if (!parts) encodedParts.set(change, (parts = new Map()))
  let bytes = parts.get(name)
  if (!bytes) {
    const value = name === 'mutations' ? change.mutations : name === 'effects' ? computeEffects(change.before, change.after) : name === 'result' ? change.after : change.before
    parts.set(name, (bytes = utf8.encode(JSON.stringify(value))))
  }
  return bytes
}

/**
 * The SSE text of the `mutation` events (MutationEvent) one listener receives for one committed
 * transaction, in order (`id`, `event: mutation`, `data: <JSON>`), as bytes: the same text as
 * stringifying each event, but each document, mutation list and effect of a change is stringified
 * and encoded once, whatever the number of listener shapes that send it
 * (32 shapes of anonymous listeners made a 1 MB save hold the main thread 2.5 s).
 */
export function encodeMutationEvents(tx: Transaction, options: ListenOptions, heard: HeardChange[]): Uint8Array {
  const chunks: Uint8Array[] = []
  const text = (value: string) => chunks.push(utf8.encode(value))
  heard.forEach(({index, transition}, position) => {
    const change = tx.changes[index]
    if (!change) return
    const eventId = `${tx.id}#${change.id}`
    text(`id: ${eventId}\nevent: mutation\ndata: {"eventId":${JSON.stringify(eventId)},"documentId":${JSON.stringify(change.id)},` +
      `"transactionId":${JSON.stringify(tx.id)},"identity":${JSON.stringify(tx.author)}`)
    if (options.includeMutations) {
      text(',"mutations":')
      chunks.push(encodedPart(change, 'mutations'))
    }
    text(`${change.previousRev !== null ? `,"previousRev":${JSON.stringify(change.previousRev)}` : ''},"resultRev":${JSON.stringify(tx.id)},` +
      `"timestamp":${JSON.stringify(tx.timestamp)},"transition":${JSON.stringify(transition)},"visibility":${JSON.stringify(options.visibility)}`)
    if (options.effectFormat === 'mendoza') {
      text(',"effects":')
      chunks.push(encodedPart(change, 'effects'))
    }
    if (options.includeResult && change.after !== null) {
      text(',"result":')
      chunks.push(encodedPart(change, 'result'))
    }
    if (options.includePreviousRevision && change.before !== null) {
      text(',"previous":')
      chunks.push(encodedPart(change, 'previous'))
    }
    text(`,"transactionTotalEvents":${heard.length},"transactionCurrentEvent":${position + 1}}\n\n`)
  })
  return Buffer.concat(chunks)
}

