/**
 * Tokens of the local lake: one dev token (generated on first start and kept in `<dir>/token`,
 * or given, e.g. from `LAKE_TOKEN`) that stands for the local editor.
 */
import {timingSafeEqual} from 'node:crypto'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {randomId} from './ids.ts'
import type {Identity} from './types.ts'
import type {RouteContext} from './routeTypes.ts'

/** Long enough that guessing is hopeless; the token guards drafts, history and writes. */
const TOKEN_LENGTH = 40

/** The identity the dev token stands for. */
export const LOCAL_EDITOR: Identity = {id: 'p-local-editor', name: 'Local Editor', canWrite: true}

/** The dev token: `token` if given, else the one in `<dir>/token`, else a new one saved there. */
export function loadDevToken(dir: string, token?: string): string {
  if (token) return token
  const file = join(dir, 'token')
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim()
    if (saved) return saved
  }
  const generated = 'sk' + randomId(TOKEN_LENGTH)
  writeFileSync(file, generated + '\n', {mode: 0o600})
  return generated
}

/** The `auth` part of the route context for a dev token. */
export function createAuth(devToken: string): RouteContext['auth'] {
  return {
    devToken,
    identify: (token) => (sameSecret(token, devToken) ? LOCAL_EDITOR : null),
  }
}

/** Constant-time comparison, so response timing does not leak the token. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
