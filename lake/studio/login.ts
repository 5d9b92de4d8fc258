/**
 * The lake's local login provider: the Studio's login screen lists it (`auth/providers`), its
 * button opens `loginPage`, which sends the browser straight back to the Studio with
 * `#sid=<session id>`; the Studio trades that id for the editor's token at `auth/fetch`.
 *
 * Only loopback origins (`localhost`, `*.localhost`, `127.0.0.1`, `[::1]`) may receive a session
 * id: anything else could trade it for the token.
 */
import {randomBytes} from 'node:crypto'

import {LakeError} from '../errors.ts'
import type {Lake, LakeRequest, LakeResponse} from '../types.ts'

/** A session id is good for one exchange within this time; the redirect takes milliseconds. */
const SESSION_TTL_MS = 5 * 60_000

/** The path of the login page, relative to the lake's base URL. */
export const LOGIN_PATH = '/auth/login/local'

const sessionsByLake = new WeakMap<Lake, Map<string, number>>()

function sessions(lake: Lake): Map<string, number> {
  let map = sessionsByLake.get(lake)
  if (!map) {
    map = new Map()
    sessionsByLake.set(lake, map)
  }
  return map
}

/** The base URL the browser used to reach the lake, e.g. `http://local.localhost:3900`. */
export function requestOrigin(req: LakeRequest): string {
  const host = req.headers.host ?? req.headers[':authority']
  const encrypted = 'encrypted' in req.raw.socket && req.raw.socket.encrypted === true
  return `${encrypted ? 'https' : 'http'}://${typeof host === 'string' ? host : '127.0.0.1'}`
}

/** True for URLs on this machine's loopback names. */
export function isLoopbackUrl(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  const host = url.hostname
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]')
  )
}

/**
 * `GET auth/login/local?origin=<studio url>`: issues a one-time session id and redirects to
 * `<origin>#sid=<id>`. Answers an explanatory HTML page when `origin` is missing or not loopback.
 */
export function loginPage(req: LakeRequest, lake: Lake): LakeResponse {
  const origin = req.query.get('origin') ?? ''
  if (!isLoopbackUrl(origin)) {
    return htmlPage(
      400,
      'Cannot log in from here',
      `The local Content Lake only logs in Studios running on this machine (localhost). ` +
        `Open the Studio at http://localhost:3333 and choose "Local Content Lake" again. ` +
        `Received origin: ${origin === '' ? '(none)' : origin}`,
    )
  }
  const sid = randomBytes(24).toString('base64url')
  const map = sessions(lake)
  const now = Date.now()
  for (const [id, expires] of map) if (expires < now) map.delete(id)
  map.set(sid, now + SESSION_TTL_MS)
  const target = new URL(origin)
  const hash = target.hash.replace(/^#/, '')
  target.hash = hash ? `${hash}&sid=${sid}` : `sid=${sid}`
  return {status: 303, headers: {location: target.href, 'cache-control': 'no-store'}, text: ''}
}

/**
 * `GET auth/fetch?sid=`: trades a session id from `loginPage` for the editor's token, once.
 * @throws LakeError 401 when the id is unknown, used or expired.
 */
export function exchangeSession(req: LakeRequest, lake: Lake, token: string): LakeResponse {
  const sid = req.query.get('sid') ?? ''
  const map = sessions(lake)
  const expires = map.get(sid)
  map.delete(sid)
  if (expires === undefined || expires < Date.now()) {
    throw new LakeError(401, 'This login link is unknown, used or expired: log in again from the Studio.')
  }
  return {json: {token}, headers: {'cache-control': 'no-store'}}
}

function htmlPage(status: number, title: string, message: string): LakeResponse {
  const escape = (text: string) =>
    text.replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c] ?? c)
  return {
    status,
    headers: {'content-type': 'text/html; charset=utf-8'},
    text: `<!doctype html><meta charset="utf-8"><title>${escape(title)}</title>` +
      `<h1>${escape(title)}</h1><p>${escape(message)}</p>`,
  }
}
