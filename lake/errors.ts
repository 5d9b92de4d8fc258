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

function httpErrorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  }
  return names[status] ?? 'Error'
}
