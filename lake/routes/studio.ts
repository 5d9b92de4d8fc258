/**
 * Every non-data endpoint Sanity Studio calls at boot and while editing (reference §4, §6):
 * the current user, users by id, the user's key-value settings, project, grants, document ACL,
 * features, auth (with a local login provider), and the fail-soft extras (journeys, telemetry
 * consent, help, ping, CORS check, cross-dataset references, release limits). The dataset list
 * (with its add-on `datasetProfile` filter) is a data route, in `data.ts`.
 */
import {allowsOrigin} from '../cors.ts'
import {LakeError} from '../errors.ts'
import {requireIdentity} from './access.ts'
import {RELEASE_DOCUMENT_PREFIX} from '../ids.ts'
import {confirmLogin, exchangeSession, LOGIN_PATH, loginPage, loginProviders, studioLoginPolicy} from '../studioApi/login.ts'
import {getKeyValues, setKeyValues} from '../studioApi/keyValue.ts'
import type {Identity} from '../types.ts'
import type {LakeRequest, Route, RouteContext, StudioLoginPolicy} from '../routeTypes.ts'

/** Limits the Studio's release upsell checks read; the local lake has no plan limits. */
const DATASET_RELEASE_LIMIT = 1000

/**
 * Features the Studio enables (`/features`): releases are implemented by the lake's actions, and
 * scheduled drafts (`singleDocRelease`, one-document releases) by them and the lake's scheduler.
 */
const FEATURES = ['contentReleases', 'singleDocRelease']

const FULL_ACCESS = ['read', 'create', 'update', 'history', 'editHistory']

/** The non-data routes; spread into the route registry. */
export const studioRoutes: Route[] = [
  get('/users/me', (req) => (req.identity ? currentUser(req.identity) : {})),
  get('/users/me/keyvalue/:keys', (req, ctx) =>
    getKeyValues(ctx.lake, requireUser(req).id, splitIds(req.params.keys)),
  ),
  {
    method: 'PUT',
    pattern: '/users/me/keyvalue',
    async handle(req, ctx) {
      return {json: setKeyValues(ctx.lake, requireUser(req).id, await req.json())}
    },
  },
  get('/users/:ids', (req) => {
    const users = splitIds(req.params.ids).map((id) => publicUser(id, req.identity))
    return users.length === 1 ? users[0] : users
  }),

  // Logged out is `{}` (like `users/me`), not a 401 the browser would log as an error.
  get('/auth/id', (req) =>
    req.identity ? {id: req.identity.id, expiry: Math.floor(Date.now() / 1000) + 24 * 3600} : {},
  ),
  get('/auth/providers', (req, ctx) => loginProviders(req, loginPolicy(ctx))),
  {method: 'GET', pattern: LOGIN_PATH, handle: (req, ctx) => loginPage(req, ctx.lake, loginPolicy(ctx))},
  // The confirmation form's body is one token.
  {method: 'POST', pattern: LOGIN_PATH, bodyLimit: 4096, handle: (req, ctx) => confirmLogin(req, ctx.lake, loginPolicy(ctx), ctx.sameUser?.(req.request) ?? null)},
  {
    method: 'GET',
    pattern: '/auth/fetch',
    handle: (req, ctx) => exchangeSession(req, ctx.lake, ctx.auth.devToken, ctx.sameUser?.(req.request) ?? null),
  },
  {method: 'POST', pattern: '/auth/logout', handle: () => ({json: {}})},

  get('/projects/:projectId', (req) => project(req.params.projectId ?? '', req.identity)),
  get('/projects/:projectId/grants', () => ({})),
  get('/projects/:projectId/user-applications', () => []),
  // Without a token only the root path (ids without a dot) is readable: `path("*")`.
  get('/projects/:projectId/datasets/:dataset/acl', (req) => [
    {
      filter: req.identity ? '_id in path("**")' : '_id in path("*")',
      permissions: req.identity?.canWrite ? FULL_ACCESS : ['read'],
    },
  ]),
  // It counts release documents in every dataset: releases are private, so only token holders learn how many there are.
  get('/projects/:projectId/new-content-release-allowed', (req, ctx) => {
    requireIdentity(req, 'Reading the release limits')
    return releaseLimits(ctx)
  }),
  // The Studio reads the plan's name and its history retention; the lake keeps history for good
  // (no retention limit: the archived-release banner then names no removal date).
  get('/subscriptions/project/:projectId', (req) => ({
    id: `local-${req.params.projectId ?? ''}`,
    projectId: req.params.projectId,
    plan: {id: 'local', name: 'Local Content Lake'},
    featureTypes: {retention: {features: [{attributes: {maxRetentionDays: null}}]}},
  })),

  get('/features', () => FEATURES),
  get('/ping', () => ({})),
  // The Studio's latency report reads only the X-Sanity-Shard header, which one machine has none of.
  get('/data/ping/:dataset', () => ({})),
  // Read by the clients when a connection fails, to tell a refused origin from other failures.
  get('/check/cors', (req, ctx) => {
    const allowed = allowsOrigin(ctx.cors, req.headers.get('origin'), req.request.url)
    return {result: {allowed, withCredentials: allowed}}
  }),
  get('/intake/telemetry-status', () => ({status: 'denied'})),
  {method: 'POST', pattern: '/intake/*', handle: () => ({status: 202, json: {}})},
  get('/journey/*', () => null),
  {method: 'POST', pattern: '/journey/*', handle: () => ({json: {}})},
  get('/help', () => ({})),
  get('/data/references/:dataset/documents/:id/to', () => ({totalCount: 0, references: []})),
]

function get(pattern: string, answer: (req: LakeRequest, ctx: RouteContext) => unknown): Route {
  return {method: 'GET', pattern, handle: (req, ctx) => ({json: answer(req, ctx)})}
}

const DEFAULT_LOGIN_POLICY = studioLoginPolicy('127.0.0.1')

function loginPolicy(ctx: RouteContext): StudioLoginPolicy {
  return ctx.studioLogin ?? DEFAULT_LOGIN_POLICY
}

function requireUser(req: LakeRequest): Identity {
  if (!req.identity) throw new LakeError(401, 'Log in to the local Content Lake first.')
  return req.identity
}

function splitIds(value: string | undefined): string[] {
  return (value ?? '').split(',').filter((id) => id !== '')
}

function currentUser(identity: Identity) {
  const role = identity.canWrite
    ? {name: 'administrator', title: 'Administrator'}
    : {name: 'viewer', title: 'Viewer'}
  return {
    id: identity.id,
    name: identity.name,
    email: `${identity.id}@localhost`,
    profileImage: null,
    provider: 'local',
    role: role.name,
    roles: [role],
  }
}

/** Authors in history are ids; the only person the lake knows by name is the token holder. */
function publicUser(id: string, identity: Identity | null) {
  const name = identity && identity.id === id ? identity.name : id
  return {id, displayName: name, imageUrl: null, email: `${id}@localhost`}
}

function project(projectId: string, identity: Identity | null) {
  return {
    id: projectId,
    displayName: `Local Content Lake (${projectId})`,
    // null keeps the Studio from opening the organisation's agent stream.
    organizationId: null,
    studioHost: null,
    metadata: {},
    isBlocked: false,
    isDisabled: false,
    isDisabledByUser: false,
    activityFeedEnabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    members: identity
      ? [{id: identity.id, role: 'administrator', isCurrentUser: true, isRobot: false}]
      : [],
  }
}

function releaseLimits(ctx: RouteContext) {
  let active = 0
  for (const name of ctx.lake.datasets()) {
    const dataset = ctx.lake.dataset(name)
    if (!dataset) continue
    for (const doc of dataset.scan({idPrefixes: [RELEASE_DOCUMENT_PREFIX]})) {
      if (doc.state === 'active' || doc.state === 'scheduled') active++
    }
  }
  return {
    data: {
      orgActiveReleaseCount: active,
      orgMeteredActiveReleaseCount: active,
      datasetReleaseLimit: DATASET_RELEASE_LIMIT,
      orgActiveReleaseLimit: null,
    },
  }
}
