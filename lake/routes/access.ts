/**
 * Guards shared by the listen, history and actions routes.
 */
import {LakeError} from '../errors.ts'
import type {Dataset, Identity, LakeRequest, RouteContext} from '../types.ts'

/**
 * The named dataset, created when missing: listeners and writers may come before the first
 * document (the Studio listens to an empty dataset), like the Content Lake's reads of an empty one.
 * @throws LakeError 400 from the store when the name is not a valid dataset name.
 */
export function requireDataset(ctx: RouteContext, name: string): Dataset {
  const dataset = ctx.lake.dataset(name, {create: true})
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
