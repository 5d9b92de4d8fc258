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
