/**
 * What a script prints when a request to its target fails: the error's own message, except for a
 * connection that failed or broke, where Node's words ("socket hang up", "fetch failed") say
 * neither which target nor what to do.
 */
import type {Target} from './target.ts'

/** Codes of a connection refused, broken or unresolvable: the request got no answer. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ERR_SOCKET_CLOSED_EARLY', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'])

/** `CODE: message` of a connection that failed (the error, or its `cause` as fetch gives it), else null. */
export function connectionFailure(error: unknown): string | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 3; cause = cause.cause, depth++) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : null
    if (code && CONNECTION_CODES.has(code)) return cause.message.includes(code) ? cause.message : `${code}: ${cause.message}`
  }
  return null
}

/** The dataset a 404 says is not there (`Dataset "x" not found`, JSON-escaped or not, as both lakes word it), or null. */
function missingDataset(error: unknown): string | null {
  if (!(error instanceof Error)) return null
  const status = 'statusCode' in error ? error.statusCode : 'status' in error ? error.status : null
  const name = /Dataset \\?"([^"\\]+)\\?" not found/.exec(error.message)?.[1]
  return status === 404 && name ? name : null
}

/** The line a script prints (after its name) for an error of `target`'s requests. */
export function failureMessage(error: unknown, target: Pick<Target, 'kind' | 'description'>): string {
  const missing = missingDataset(error)
  if (missing) {
    // The description ends with the dataset; the place is what is left.
    const suffix = ` dataset ${missing}`
    const place = target.description.endsWith(suffix) ? target.description.slice(0, -suffix.length) : target.description
    return `there is no dataset "${missing}" in ${place}: check --dataset and SANITY_DATASET (default production)`
  }
  const lost = connectionFailure(error)
  if (!lost) return error instanceof Error ? error.message : String(error)
  if (target.kind === 'hosted') return `cannot reach ${target.description} (${lost}): check the network and SANITY_PROJECT_ID`
  return `lost the connection to the lake at ${target.description} (${lost}). Run the command again: it uses the lake if one runs, else opens the lake in LAKE_DIR itself`
}
