import type {WorkspaceOptions} from 'sanity'
import {createLakeClient} from './lakeTransport.ts'

/** Where the local Content Lake listens unless SANITY_STUDIO_LAKE_URL says otherwise (AGENTS.md). */
export const DEFAULT_LAKE_URL = 'http://localhost:3900'

/** The environment variables the local workspace reads; the Studio exposes SANITY_STUDIO_* ones. */
export interface LocalWorkspaceEnv {
  SANITY_STUDIO_LAKE_URL?: string
}

/** How the local workspace reaches the lake; kept apart from the schema so it can change on its own. */
export type LocalConnection = Pick<
  WorkspaceOptions,
  'projectId' | 'dataset' | 'apiHost' | 'auth' | 'unstable_clientFactory'
>

/**
 * The lake URL a served build was given at runtime (`scripts/lib/staticServer.ts` sets it in
 * index.html), so one cached build works with a lake on any port.
 */
function runtimeLakeUrl(): string | undefined {
  const value: unknown = Reflect.get(globalThis, '__SANITY_STUDIO_LAKE_URL__')
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * Connection details of the `local` workspace. The client prepends the project id to the host
 * (`http://local.localhost:3900`), which browsers resolve to loopback. The client factory gives
 * each listener stream its own host name so HTTP/1.1's per-host connection limit never stalls
 * the Studio (see `lakeTransport.ts`). Login: the lake offers one provider, "Local Content Lake",
 * or open the Studio with `#token=<the lake's token>`.
 */
export function localConnection(env: LocalWorkspaceEnv): LocalConnection {
  return {
    projectId: 'local',
    dataset: 'production',
    apiHost: runtimeLakeUrl() || env.SANITY_STUDIO_LAKE_URL || DEFAULT_LAKE_URL,
    auth: {loginMethod: 'dual'},
    unstable_clientFactory: createLakeClient,
  }
}
