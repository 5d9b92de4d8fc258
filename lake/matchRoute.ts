/** Route matching: `:name` matches one path segment, a trailing `*` matches the rest. */
import {LakeError} from './errors.ts'
import type {Route} from './routeTypes.ts'

/**
 * The first route whose method and pattern match, with its parameters (decoded).
 * @throws LakeError 405 when a pattern matches but no route has that method.
 */
export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): {route: Route; params: Record<string, string>} | null {
  let methodMismatch = false
  const wanted = method === 'HEAD' ? 'GET' : method
  const have = segmentsOf(path)
  for (const route of routes) {
    const params = matchPattern(patternSegments(route.pattern), have)
    if (!params) continue
    if (route.method === wanted) return {route, params}
    methodMismatch = true
  }
  if (methodMismatch) throw new LakeError(405, `Method ${method} is not allowed on ${path}`)
  return null
}

const segmentsOf = (path: string): string[] => path.split('/').filter(Boolean)

/** Route patterns split once: every request is matched against the routes in order. */
const splitPatterns = new Map<string, string[]>()

function patternSegments(pattern: string): string[] {
  let segments = splitPatterns.get(pattern)
  if (!segments) {
    segments = segmentsOf(pattern)
    splitPatterns.set(pattern, segments)
  }
  return segments
}

function matchPattern(want: string[], have: string[]): Record<string, string> | null {
  if (have.length !== want.length && want.at(-1) !== '*') return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] ?? ''
    if (segment === '*' && i === want.length - 1) {
      params['*'] = have.slice(i).map(decode).join('/')
      return params
    }
    const actual = have[i]
    if (actual === undefined) return null
    if (segment.startsWith(':')) params[segment.slice(1)] = decode(actual)
    else if (segment !== actual) return null
  }
  return have.length === want.length ? params : null
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
