/**
 * `data/history/:dataset/...`: documents at a revision or time, the NDJSON transaction log and
 * the events API. All need a token; an unknown dataset is a 404 (reads never create one).
 */
import {LakeError} from '../errors.ts'
import {documentsAt, transactionLogPages, type HistoryPoint, type TransactionLogEntry, type TransactionLogOptions} from '../historyReads.ts'
import {documentEvents} from '../historyEvents.ts'
import type {LakeRequest, Route} from '../routeTypes.ts'
import {existingDataset, requireIdentity} from './access.ts'

/** Default page size of the events API (the Studio asks for 100). */
const DEFAULT_EVENTS_LIMIT = 100

/** The history routes; spread into the route registry. */
export const historyRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/history/:dataset/documents/:ids',
    handle(req, ctx) {
      requireIdentity(req, 'History')
      const point = historyPoint(req)
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      return {json: {documents: documentsAt(dataset, splitIds(req), point)}}
    },
  },
  {
    method: 'GET',
    pattern: '/data/history/:dataset/transactions/:ids',
    handle(req, ctx) {
      requireIdentity(req, 'History')
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const q = req.query
      const flag = (name: string) => q.get(name) === 'true'
      const options: TransactionLogOptions = {
        fromTransaction: q.get('fromTransaction') ?? undefined,
        toTransaction: q.get('toTransaction') ?? undefined,
        fromTime: isoTime(q.get('fromTime'), 'fromTime'),
        toTime: isoTime(q.get('toTime'), 'toTime'),
        authors: q.get('authors')?.split(',').filter(Boolean),
        reverse: flag('reverse'),
        limit: positiveInt(q.get('limit'), 'limit'),
        includeIdentifiedDocumentsOnly: flag('includeIdentifiedDocumentsOnly'),
        effectFormat: q.get('effectFormat') === 'mendoza' ? 'mendoza' : null,
        excludeMutations: flag('excludeMutations'),
        excludeContent: flag('excludeContent'),
      }
      return {headers: {'Content-Type': 'application/x-ndjson'}, body: ndjsonPages(transactionLogPages(dataset, splitIds(req), options))}
    },
  },
  {
    method: 'GET',
    pattern: '/data/history/:dataset/events/documents/:id',
    handle(req, ctx) {
      requireIdentity(req, 'History')
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const limit = positiveInt(req.query.get('limit'), 'limit') ?? DEFAULT_EVENTS_LIMIT
      const cursor = req.query.get('nextCursor') ?? ''
      return {json: documentEvents(dataset, req.params.id ?? '', limit, cursor)}
    },
  },
]

const utf8 = new TextEncoder()

/**
 * The log as NDJSON, a page read each time the reader asks for more: the main thread is held for
 * one page at a time, and only one page is in memory, however long the log asked for.
 */
function ndjsonPages(pages: Iterator<TransactionLogEntry[]>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const page = pages.next()
        if (page.done) return controller.close()
        controller.enqueue(utf8.encode(page.value.map((entry) => `${JSON.stringify(entry)}\n`).join('')))
      },
      cancel() {
        pages.return?.(undefined)
      },
    },
    {highWaterMark: 0},
  )
}

function splitIds(req: LakeRequest): string[] {
  // Each id once: one named a thousand times would be read, and answered, a thousand times.
  return [...new Set((req.params.ids ?? '').split(',').map((id) => id.trim()).filter(Boolean))]
}

function historyPoint(req: LakeRequest): HistoryPoint {
  const revision = req.query.get('revision')
  if (revision) return {revision}
  const time = isoTime(req.query.get('time') || null, 'time')
  if (time) return {time}
  if (req.query.get('lastRevision') === 'true') return {lastRevision: true}
  throw new LakeError(400, 'Give one of "revision", "time" or "lastRevision=true"')
}

/**
 * A time query parameter as the log stores times (ISO 8601 in UTC, so that they compare as text),
 * or undefined when absent.
 * @throws LakeError 400 when it is not a time: it would otherwise select nothing, or everything, without a word.
 */
function isoTime(value: string | null, name: string): string | undefined {
  if (value === null) return undefined
  if (Number.isNaN(Date.parse(value))) throw new LakeError(400, `"${name}" must be an ISO 8601 timestamp, got ${value}`)
  return new Date(value).toISOString()
}

/**
 * A positive integer query parameter, or undefined when absent.
 * @throws LakeError 400 when it is not one.
 */
export function positiveInt(value: string | null, name: string): number | undefined {
  if (value === null) return undefined
  const number = Number(value)
  // Past 2^53 a number is no longer exact, and SQLite's LIMIT refuses it (a 500 otherwise).
  if (!Number.isSafeInteger(number) || number < 1) throw new LakeError(400, `"${name}" must be a positive integer, got ${value}`)
  return number
}
