/**
 * The one error class of the lake. It carries the HTTP status and the Content Lake error body,
 * so any part can throw it and the handler answers with exactly that body.
 */
export class LakeError extends Error {
  readonly status: number
  readonly body: Record<string, unknown>

  constructor(status: number, message: string, body?: Record<string, unknown>) {
    super(message)
    this.name = 'LakeError'
    this.status = status
    this.body = body ?? {error: httpErrorName(status), message, statusCode: status}
  }
}

/**
 * 404 of the dataset management API (`/projects/<id>/datasets/<name>`) for a dataset that does not
 * exist, with its own `error` code: `{error: 'Dataset not found', message, statusCode}`. Only
 * that API answers it: the Studio reads this `error` as "the configured dataset is gone" and shows
 * a full-screen takeover, so the data routes keep the generic 404 body (routes/access.ts).
 */
export function datasetNotFoundError(name: string, projectId: string): LakeError {
  const message = `Dataset "${name}" not found for project ID "${projectId}"`
  return new LakeError(404, message, {error: 'Dataset not found', message, statusCode: 404})
}

/** 409/400 error of `data/mutate`: `{error: {type: 'mutationError', description, items?}}`. */
export function mutationError(status: number, description: string, items?: unknown[]): LakeError {
  return new LakeError(status, description, {
    error: {type: 'mutationError', description, ...(items ? {items} : {})},
  })
}

/** Error of `data/actions`: `{error: {type: 'actionError', description, items?}}`. */
export function actionError(status: number, description: string, items?: unknown[]): LakeError {
  return new LakeError(status, description, {error: {type: 'actionError', description, ...(items ? {items} : {})}})
}

/** 429 of a caller past what it may hold or queue at once: `{error: {type: 'rateLimitError', description}}`. */
export function rateLimitError(description: string): LakeError {
  return new LakeError(429, description, {error: {type: 'rateLimitError', description}})
}

/** The same error as the actions API reports it (a store check failed while committing actions). */
export function asActionError(error: LakeError): LakeError {
  const inner = error.body.error
  if (typeof inner !== 'object' || inner === null || !('type' in inner) || inner.type !== 'mutationError') return error
  const items = 'items' in inner && Array.isArray(inner.items) ? inner.items : undefined
  return actionError(error.status, 'description' in inner ? String(inner.description) : error.message, items)
}

/** A GROQ parse error with the position, as the Content Lake reports it. */
export function queryParseError(
  description: string,
  query: string,
  start: number,
  end: number,
): LakeError {
  return new LakeError(400, description, {
    error: {type: 'queryParseError', description, query, start, end},
  })
}

/** SQLite's primary result code for "database or disk is full". */
const SQLITE_FULL = 13

/** True for SQLite's `database or disk is full` (SQLITE_FULL), from whichever statement hit it. */
export function isDiskFull(error: unknown): boolean {
  return (
    error instanceof Error &&
    'errcode' in error &&
    typeof error.errcode === 'number' &&
    // Extended result codes keep the primary code in the low byte.
    (error.errcode & 0xff) === SQLITE_FULL
  )
}

/**
 * 507 Insufficient Storage: the write was rolled back because the disk (or the database's size
 * limit) is full. Reads keep working; the client may retry once space was freed.
 */
export function diskFullError(): LakeError {
  return new LakeError(
    507,
    'The local Content Lake\'s disk is full: nothing of this request was written. ' +
      'Free disk space, then retry; reading still works.',
  )
}

function httpErrorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    408: 'Request Timeout',
    409: 'Conflict',
    413: 'Payload Too Large',
    429: 'Too Many Requests',
    431: 'Request Header Fields Too Large',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
    507: 'Insufficient Storage',
  }
  return names[status] ?? 'Error'
}

/** Functions hosted GROQ has that groq-js, and so the local lake, does not (it throws "not implemented"). */
const UNAVAILABLE_FUNCTIONS = new Set([
  'geo::latLng',
  'geo::contains',
  'geo::intersects',
  'geo::distance',
  'documents::get',
  'documents::incomingRefCount',
  'documents::incomingGlobalDocumentReferenceCount',
  'global::anywhere',
  'media::aspect',
  'text::semanticSimilarity',
])

/**
 * The 400 `queryExecutionError` of a query that failed while it was evaluated. groq-js says only
 * "not implemented" for a function it lacks: the error names the query's calls of such functions.
 * `calls` lists the query's function calls as `namespace::name`.
 */
export function queryExecutionError(error: unknown, query: string, calls: Iterable<string>): LakeError {
  let description = error instanceof Error ? error.message : String(error)
  if (description === 'not implemented') {
    const missing = [...new Set(calls)].filter((call) => UNAVAILABLE_FUNCTIONS.has(call)).map((call) => `${call}()`)
    if (missing.length > 0) {
      const names = missing.join(', ')
      description = `${names} ${missing.length === 1 ? 'is' : 'are'} not available on the local lake (the hosted Content Lake has ${missing.length === 1 ? 'it' : 'them'}): run this query against a hosted project, or do without ${names}`
    }
  }
  return new LakeError(400, `Query error: ${description}`, {error: {type: 'queryExecutionError', description, query}})
}
