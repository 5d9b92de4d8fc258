/**
 * The lake's local login provider: the Studio's login screen lists it (`auth/providers`), its
 * link opens `loginPage` on the lake, a page naming the Studio origin that asks, with one button.
 * The button posts back (`confirmLogin`), which sends the browser to the Studio with
 * `#sid=<session id>`; the Studio trades that id for the editor's token at `auth/fetch`.
 *
 * Why each guard: only the Studio origins the lake was started for may receive a session id (any
 * other page could trade it for the token); the click stops a page from logging a Studio in
 * behind the editor's back, and the post must come from the lake's own page (same-origin `Origin`
 * and `Sec-Fetch-Site`, plus a one-time token bound to that page, which also forbids framing);
 * the lake's own host name must be a loopback name, which defeats DNS rebinding; a lake bound to
 * a non-loopback address turns the provider off, since anyone on the network could click. A
 * program need not be a browser: the confirmation and the exchange are refused to another
 * operating-system user's connection (peerUser.ts), whatever headers it sends.
 */
import {randomBytes} from 'node:crypto'

import {LakeError} from '../errors.ts'
import type {Lake} from '../types.ts'
import type {LakeRequest, LakeResponse, StudioLoginPolicy} from '../routeTypes.ts'
import {confirmPage, CSRF_FIELD, redirectTo, refusalPage} from './loginPage.ts'

/** A session id or a confirmation page is good for one use within this time. */
const SESSION_TTL_MS = 5 * 60_000

/** Pending pages and session ids kept per lake; the oldest go first past this (a page reload makes one). */
const PENDING_MAX = 100

/**
 * Why a program of another operating-system user is refused: it can send every header a browser
 * sends and read the page's one-time token, so only who owns the connection tells it apart.
 */
const OTHER_USER = 'This request comes from a program run by another user of this computer: the local login provider logs in ' +
  'only the user who runs the lake. Use the Studio from that user\'s browser, or give the token to the other user yourself.'

/** The path of the login page, relative to the lake's base URL. */
export const LOGIN_PATH = '/auth/login/local'

/** The Studio origin `npm run studio` serves by default. */
export const DEFAULT_STUDIO_ORIGIN = 'http://localhost:3333'

const AGAIN = 'Choose "Local Content Lake" on the Studio\'s login screen again.'

interface Pending {
  /** Per lake: one-time confirmation tokens -> where to send the session id; session ids -> nothing. */
  pages: Map<string, {returnTo: string; lakeOrigin: string; expires: number}>
  sessions: Map<string, {expires: number}>
}

const pendingByLake = new WeakMap<Lake, Pending>()

function pending(lake: Lake): Pending {
  let state = pendingByLake.get(lake)
  if (!state) {
    state = {pages: new Map(), sessions: new Map()}
    pendingByLake.set(lake, state)
  }
  return state
}

/**
 * Who may log in to a lake bound to `host`: `origins` (default `http://localhost:3333`),
 * normalized to URL origins; nobody when `host` is not a loopback address.
 * @throws Error when an origin is not an http(s) URL.
 */
export function studioLoginPolicy(host: string, origins: string[] = [DEFAULT_STUDIO_ORIGIN]): StudioLoginPolicy {
  const normalized = origins.map((origin) => {
    const parsed = originOf(origin)
    if (parsed === null) throw new Error(`Studio origin must be an http(s) URL such as ${DEFAULT_STUDIO_ORIGIN}, got "${origin}"`)
    return parsed
  })
  return {origins: normalized, off: isLoopbackHost(host) ? null : nonLoopbackWarning(host)}
}

/** Whether `origin` is one of the Studios the lake was started for (presence sockets take only those). */
export function isAllowedStudioOrigin(policy: StudioLoginPolicy, origin: string): boolean {
  const parsed = originOf(origin)
  return parsed !== null && policy.origins.includes(parsed)
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/**
 * Whether a URL's host name reaches this machine's loopback: the loopback addresses, `localhost`
 * and its subdomains (`local.localhost`, which browsers resolve to loopback too).
 */
export function isLoopbackName(host: string): boolean {
  return host.endsWith('.localhost') || isLoopbackHost(host)
}

/** What a lake bound to a non-loopback address says, loudly, at start. */
export function nonLoopbackWarning(host: string): string {
  return `WARNING: the lake listens on ${host}, which other machines can reach: anyone who reaches it ` +
    'can read published documents, and anyone who learns the token can write. The local login ' +
    'provider is OFF; give editors the token (Studio URL #token=...). Use --host 127.0.0.1 unless you mean it.'
}

/** The base URL the browser used to reach the lake, e.g. `http://local.localhost:3900`. */
export function requestOrigin(req: LakeRequest): string {
  // The request's URL carries the host the browser named (serve.ts builds it from the Host header).
  const {protocol, host} = new URL(req.request.url)
  return `${protocol}//${host}`
}

/** `auth/providers`: the local provider, unless the policy turned it off. */
export function loginProviders(req: LakeRequest, policy: StudioLoginPolicy) {
  const local = {name: 'local', title: 'Local Content Lake (this computer)', url: `${requestOrigin(req)}/v1${LOGIN_PATH}`, logo: null}
  return {providers: policy.off === null ? [local] : [], thirdPartyLogin: false}
}

/**
 * `GET auth/login/local?origin=<studio url>`: the confirmation page naming the asking origin,
 * or a page saying why this origin may not log in. Never a session id.
 */
export function loginPage(req: LakeRequest, lake: Lake, policy: StudioLoginPolicy): LakeResponse {
  const refusal = refuseLake(req, policy)
  if (refusal) return refusal
  const returnTo = req.query.get('origin') ?? ''
  const origin = originOf(returnTo)
  if (origin === null || !policy.origins.includes(origin)) {
    return refusalPage(403, 'Cannot log in from here',
      `${origin ?? (returnTo || '(no origin)')} may not log in to the local Content Lake: it only logs in ` +
        `the Studios it was started for (${policy.origins.join(', ')}). Open the Studio there, or ` +
        `restart the lake with --studio-origin ${origin ?? '<studio url>'}.`)
  }
  const csrf = randomBytes(24).toString('base64url')
  remember(pending(lake).pages, csrf, {returnTo, lakeOrigin: requestOrigin(req), expires: Date.now() + SESSION_TTL_MS})
  return confirmPage(origin, new URL(req.request.url).pathname, csrf)
}

/**
 * `POST auth/login/local` from the confirmation page: issues a one-time session id and sends the
 * browser to the Studio with `#sid=<id>`. Refuses (403 page) a post from any other page.
 */
export async function confirmLogin(req: LakeRequest, lake: Lake, policy: StudioLoginPolicy, sameUser: boolean | null): Promise<LakeResponse> {
  const refusal = refuseLake(req, policy)
  if (refusal) return refusal
  if (sameUser === false) return refusalPage(403, 'Login refused', OTHER_USER)
  const lakeOrigin = requestOrigin(req)
  const site = req.headers.get('sec-fetch-site')
  if (req.headers.get('origin') !== lakeOrigin || (site !== null && site !== 'same-origin')) {
    return refusalPage(403, 'Login refused', `This login was not confirmed on the local Content Lake's own page. ${AGAIN}`)
  }
  const csrf = new URLSearchParams((await req.body()).toString('utf8')).get(CSRF_FIELD) ?? ''
  const {pages, sessions} = pending(lake)
  const page = pages.get(csrf)
  pages.delete(csrf)
  if (!page || page.expires < Date.now() || page.lakeOrigin !== lakeOrigin) {
    return refusalPage(403, 'Login refused', `This login page is unknown, used or expired. ${AGAIN}`)
  }
  const sid = randomBytes(24).toString('base64url')
  remember(sessions, sid, {expires: Date.now() + SESSION_TTL_MS})
  const target = new URL(page.returnTo)
  const hash = target.hash.replace(/^#/, '')
  target.hash = hash ? `${hash}&sid=${sid}` : `sid=${sid}`
  return redirectTo(target.href)
}

/**
 * `GET auth/fetch?sid=`: trades a session id from `confirmLogin` for the editor's token, once.
 * @throws LakeError 401 when the id is unknown, used or expired.
 */
export function exchangeSession(req: LakeRequest, lake: Lake, token: string, sameUser: boolean | null): LakeResponse {
  // Before the id is spent: another user's program must not use up the editor's login.
  if (sameUser === false) throw new LakeError(403, OTHER_USER)
  const sid = req.query.get('sid') ?? ''
  const {sessions} = pending(lake)
  const session = sessions.get(sid)
  sessions.delete(sid)
  if (session === undefined || session.expires < Date.now()) {
    throw new LakeError(401, 'This login link is unknown, used or expired: log in again from the Studio.')
  }
  return {json: {token}, headers: {'cache-control': 'no-store'}}
}

/** A refusal when the provider is off, or when the browser reached the lake by a non-loopback name. */
function refuseLake(req: LakeRequest, policy: StudioLoginPolicy): LakeResponse | null {
  if (policy.off !== null) return refusalPage(403, 'The local login provider is off', policy.off)
  const host = new URL(requestOrigin(req)).hostname
  if (isLoopbackName(host)) return null
  return refusalPage(403, 'Cannot log in from here',
    `The local Content Lake only logs in through its loopback names (localhost, 127.0.0.1), not ${host}.`)
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null
  } catch {
    return null
  }
}

function remember<T extends {expires: number}>(map: Map<string, T>, key: string, value: T): void {
  const now = Date.now()
  for (const [id, entry] of map) if (entry.expires < now) map.delete(id)
  // Maps iterate in insertion order: the first key is the oldest.
  while (map.size >= PENDING_MAX) map.delete(map.keys().next().value ?? '')
  map.set(key, value)
}
