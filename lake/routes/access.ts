/**
 * Guards shared by the listen, history and actions routes.
 */
import {LakeError} from '../errors.ts'
import type {Dataset, Identity} from '../types.ts'
import type {LakeRequest, RouteContext} from '../routeTypes.ts'

/**
 * The named dataset, for a read: reads never create datasets (an anonymous `GET data/listen/<any
 * name>` would otherwise leave a file and open handles behind). The generic Content Lake 404
 * body, not `error: "Dataset not found"`: that one is the dataset management API's, and the
 * Studio answers it with a full-screen "dataset not found" takeover.
 * @throws LakeError 404 when the dataset does not exist, 400 (from the store) for an invalid name.
 */
export function existingDataset(ctx: RouteContext, name: string): Dataset {
  const dataset = ctx.lake.dataset(name)
  if (!dataset) throw new LakeError(404, `Dataset "${name}" not found`)
  return dataset
}

/**
 * The named dataset, created when missing: only writers (mutate, actions) get here, after
 * `requireWriter`, as the first write to a hosted project's dataset needs it to exist.
 * @throws LakeError 400 from the store when the name is not a valid dataset name.
 */
export function writableDataset(ctx: RouteContext, name: string): Dataset {
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
