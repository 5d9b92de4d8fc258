/**
 * Which web pages may use the lake from a browser: the lake's CORS origins, as a hosted project's
 * (`sanity cors add`). A hosted project answers only the origins it lists (`localhost:3333` when
 * new); a lake that answered every page would let any site the editor visits read published
 * content and start expensive queries in the editor's browser. A request from another origin is
 * refused before any work (403, no CORS headers), except `GET /check/cors`, which tells the page
 * why (the clients read it to report a CORS error).
 */
import type {CorsPolicy} from './routeTypes.ts'
import {isLoopbackName} from './studioApi/login.ts'

/** The reader site `npm run dev` serves by default: a new lake lets it use live updates. */
export const DEFAULT_SITE_ORIGIN = 'http://localhost:3000'

/**
 * The policy for `origins` (`http://localhost:3000`, `https://*.example.org`, or `*` for every
 * page), compared as URL origins.
 * @throws Error when an origin is not an http(s) URL.
 */
export function corsPolicy(origins: string[]): CorsPolicy {
  const exact = new Set<string>()
  const patterns: RegExp[] = []
  let any = false
  for (const origin of origins) {
    if (origin === '*') {
      any = true
      continue
    }
    const normalized = normalizeOrigin(origin)
    if (normalized === null) throw new Error(`CORS origin must be an http(s) URL such as ${DEFAULT_SITE_ORIGIN}, got "${origin}"`)
    if (normalized.includes('*')) patterns.push(wildcard(normalized))
    else for (const name of loopbackTwins(normalized)) exact.add(name)
  }
  return {allows: (origin) => any || exact.has(origin) || patterns.some((pattern) => pattern.test(origin))}
}

/**
 * Whether a request from a page on `origin` (its `Origin` header) may reach the lake at
 * `requestUrl`: no `Origin` (not a browser page, or a same-origin navigation), a listed origin,
 * or the lake's own page under a loopback name (a DNS-rebound name never counts as the lake's own).
 */
export function allowsOrigin(policy: CorsPolicy, origin: string | null, requestUrl: string): boolean {
  if (origin === null) return true
  if (policy.allows(origin)) return true
  const own = new URL(requestUrl)
  return origin === own.origin && isLoopbackName(own.hostname)
}

/** The 403 body for a page the policy refuses, saying how to allow it. */
export function refusedOriginMessage(origin: string): string {
  return `Pages on ${origin} may not use this Content Lake (it is not one of its CORS origins). ` +
    `To allow it, restart the lake with --cors-origin ${origin}`
}

/**
 * An origin and, for `localhost` or `127.0.0.1`, the same port under the other name: a browser
 * reaches the same Studio or site by either.
 */
function loopbackTwins(origin: string): string[] {
  const url = new URL(origin)
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') return [origin]
  const twin = new URL(origin)
  twin.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost'
  return [origin, twin.origin]
}

function normalizeOrigin(value: string): string | null {
  // `*` is not valid in a URL's host: parse with a stand-in label, then put it back.
  const STAND_IN = 'wildcard-label-0'
  try {
    const url = new URL(value.replaceAll('*', STAND_IN))
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return url.origin.replaceAll(STAND_IN, '*')
  } catch {
    return null
  }
}

/** `https://*.example.org` as a regex: each `*` stands for one or more host labels. */
function wildcard(origin: string): RegExp {
  const escaped = origin.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${escaped.replaceAll('*', '[a-z0-9-]+(?:\\.[a-z0-9-]+)*')}$`)
}
