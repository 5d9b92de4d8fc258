/**
 * The `/v<version>` prefix of every API path. Sanity's clients send `v1`, `vX` or a date
 * `vYYYY-MM-DD` (@sanity/client `validateApiVersion`); the hosted lake takes dates up to
 * "tomorrow" in UTC (its clients warn about tomorrow and refuse later dates).
 */
import {LakeError} from './errors.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** The versions the lake accepts, for error messages. */
const ACCEPTED = 'v1, vX or vYYYY-MM-DD (a real date, at most tomorrow in UTC)'

/**
 * Checks the version of a request path. `version` is what follows `/v` (null: no prefix), `path`
 * the rest; data routes need a version, other routes (the login page) may go without.
 * @throws LakeError 400 for a version that is not one of those or a data route without one.
 */
export function checkApiVersion(version: string | null, path: string, now = Date.now()): void {
  if (version === null) {
    if (path.startsWith('/data/')) {
      throw new LakeError(400, `Missing API version: data routes start with /v<version> (${ACCEPTED}), e.g. /v2025-02-19${path}`)
    }
    return
  }
  if (version === '1' || version === 'X' || isDateUpTo(version, now + DAY_MS)) return
  throw new LakeError(400, `Invalid API version "v${version}": use ${ACCEPTED}`)
}

function isDateUpTo(version: string, latest: number): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(version)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const time = Date.UTC(year, month - 1, day)
  const date = new Date(time)
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  return real && time <= latest
}
