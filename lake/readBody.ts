/** Reads a request body up to a limit. */
import type {IncomingMessage} from 'node:http'
import {LakeError} from './errors.ts'

/**
 * The whole body. Past `limit` bytes the rest is drained and discarded (so the client still
 * gets the answer instead of a reset connection), then it throws.
 * @throws LakeError 413 "Request body exceeds limit of <limit> bytes".
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new LakeError(413, `Request body exceeds limit of ${limit} bytes`)
  const declared = Number(req.headers['content-length'])
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let exceeded = Number.isFinite(declared) && declared > limit
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) exceeded = true
      if (!exceeded) chunks.push(chunk)
    })
    req.on('end', () => (exceeded ? reject(tooLarge()) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
  })
}

/**
 * Data routes read JSON bodies only: `text/plain` and form bodies are what a page on another
 * site may send without a CORS preflight, and Sanity's clients always send `application/json`.
 * @throws LakeError 400 when the body is not declared as JSON.
 */
export function requireJsonContentType(req: IncomingMessage): void {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json') {
    throw new LakeError(400, `The request body must be JSON sent as "Content-Type: application/json", got ${type ? `"${type}"` : 'no content type'}`)
  }
}
