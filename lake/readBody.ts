/** Reads a request body up to a limit. */
import {LakeError} from './errors.ts'

/**
 * The whole body. Past `limit` bytes the rest is read and discarded (so the client still
 * gets the answer instead of a reset connection), then it throws.
 * @throws LakeError 413 "Request body exceeds limit of <limit> bytes"; 400 when the client stops sending it.
 */
export async function readBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '')
  let exceeded = Number.isFinite(declared) && declared > limit
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body?.getReader()
  const next = async () => {
    try {
      return await reader?.read()
    } catch {
      // The body's stream fails only when the client stops sending it (the connection closed mid-body):
      // the client's doing, not an internal error, and nobody is left to read the answer.
      throw new LakeError(400, 'The request body was cut off before its end: send the request again')
    }
  }
  for (let chunk = await next(); chunk && !chunk.done; chunk = await next()) {
    size += chunk.value.byteLength
    if (size > limit) exceeded = true
    if (!exceeded) chunks.push(chunk.value)
  }
  if (exceeded) throw new LakeError(413, `Request body exceeds limit of ${limit} bytes`)
  return Buffer.concat(chunks)
}

/**
 * Data routes read JSON bodies only: `text/plain` and form bodies are what a page on another
 * site may send without a CORS preflight, and Sanity's clients always send `application/json`.
 * @throws LakeError 400 when the body is not declared as JSON.
 */
export function requireJsonContentType(headers: Headers): void {
  const type = (headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new LakeError(400, `The request body must be JSON sent as "Content-Type: application/json", got ${type ? `"${type}"` : 'no content type'}`)
  }
}
