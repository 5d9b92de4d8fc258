import type {WorkspaceOptions} from 'sanity'

/** Where the local Content Lake listens unless SANITY_STUDIO_LAKE_URL says otherwise (AGENTS.md). */
export const DEFAULT_LAKE_URL = 'http://localhost:3900'

/** The environment variables the local workspace reads; the Studio exposes SANITY_STUDIO_* ones. */
export interface LocalWorkspaceEnv {
  SANITY_STUDIO_LAKE_URL?: string
}

/** How the local workspace reaches the lake; kept apart from the schema so it can change on its own. */
export type LocalConnection = Pick<WorkspaceOptions, 'projectId' | 'dataset' | 'apiHost' | 'auth'>

/**
 * Connection details of the `local` workspace. The client prepends the project id to the host
 * (`http://local.localhost:3900`), which browsers resolve to loopback, so no client factory is needed.
 */
export function localConnection(env: LocalWorkspaceEnv): LocalConnection {
  return {
    projectId: 'local',
    dataset: 'production',
    apiHost: env.SANITY_STUDIO_LAKE_URL || DEFAULT_LAKE_URL,
    auth: {loginMethod: 'dual'},
  }
}
