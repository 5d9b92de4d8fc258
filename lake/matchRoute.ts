/** Route matching: `:name` matches one path segment, a trailing `*` matches the rest. */
import {LakeError} from './errors.ts'
import type {Route} from './types.ts'

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
  for (const route of routes) {
    const params = matchPattern(route.pattern, path)
    if (!params) continue
    if (route.method === wanted) return {route, params}
    methodMismatch = true
  }
  if (methodMismatch) throw new LakeError(405, `Method ${method} is not allowed on ${path}`)
  return null
}

function matchPattern(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const have = path.split('/').filter(Boolean)
  const params: Record<string, string> = {}
  for (const [i, segment] of want.entries()) {
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
