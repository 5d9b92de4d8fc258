/**
 * Guards shared by the listen, history and actions routes.
 */
import {LakeError} from '../errors.ts'
import type {Dataset, Identity, LakeRequest, RouteContext} from '../types.ts'

/**
 * The named dataset.
 * @throws LakeError 404 when it does not exist.
 */
export function requireDataset(ctx: RouteContext, name: string): Dataset {
  const dataset = ctx.lake.dataset(name)
  if (!dataset) throw new LakeError(404, `Dataset "${name}" not found`)
  return dataset
}

/**
 * The caller's identity.
 * @throws LakeError 401 for anonymous requests, naming what needed the token.
 */
export function requireIdentity(req: LakeRequest, what: string): Identity {
  if (!req.identity) throw new LakeError(401, `${what} requires a token: send "Authorization: Bearer <token>"`)
  return req.identity
}

/**
 * The caller's identity, when it may write.
 * @throws LakeError 401 for anonymous requests, 403 for read-only tokens.
 */
export function requireWriter(req: LakeRequest, what: string): Identity {
  const identity = requireIdentity(req, what)
  if (!identity.canWrite) throw new LakeError(403, `${what} requires a token that may write`)
  return identity
}
