import type {WorkspaceOptions} from 'sanity'
import {afterEach, describe, expect, test, vi} from 'vitest'

/** Loads sanity.config.ts afresh with the given SANITY_STUDIO_* variables set. */
async function loadConfig(env: Record<string, string>) {
  vi.resetModules()
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  const {default: config} = await import('../../sanity.config.ts')
  return Array.isArray(config) ? config : [config]
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('sanity.config.ts', () => {
  test('has one workspace, local, on the local lake by default', async () => {
    const workspaces = await loadConfig({SANITY_STUDIO_LAKE_URL: '', SANITY_STUDIO_PROJECT_ID: ''})
    expect(workspaces.map(({name, basePath, projectId, dataset, apiHost}) => ({name, basePath, projectId, dataset, apiHost}))).toEqual([
      {name: 'local', basePath: '/local', projectId: 'local', dataset: 'production', apiHost: 'http://localhost:3900'},
    ])
  })

  test('the local workspace switches off what the lake lacks; releases and scheduled drafts stay on, hosted keeps defaults', async () => {
    const features = (workspace: WorkspaceOptions | undefined) => ({
      search: workspace?.search,
      releases: workspace?.releases,
      scheduledPublishing: workspace?.scheduledPublishing,
      scheduledDrafts: workspace?.scheduledDrafts,
      tasks: workspace?.tasks,
      announcements: workspace?.announcements,
    })
    const [local, hosted] = await loadConfig({SANITY_STUDIO_PROJECT_ID: 'abc123'})
    expect(features(local)).toEqual({
      // The Studio's default search (groq2024, text::query()), which the lake implements.
      search: undefined,
      releases: undefined,
      scheduledPublishing: {enabled: false},
      scheduledDrafts: {enabled: true},
      tasks: {enabled: false},
      announcements: {enabled: false},
    })
    expect(features(hosted)).toEqual({
      search: undefined,
      releases: undefined,
      scheduledPublishing: undefined,
      scheduledDrafts: undefined,
      tasks: undefined,
      announcements: undefined,
    })
  })

  test('SANITY_STUDIO_LAKE_URL moves the local workspace; SANITY_STUDIO_PROJECT_ID adds a hosted one', async () => {
    const workspaces = await loadConfig({
      SANITY_STUDIO_LAKE_URL: 'http://localhost:4100',
      SANITY_STUDIO_PROJECT_ID: 'abc123',
      SANITY_STUDIO_DATASET: 'staging',
    })
    expect(workspaces.map(({name, basePath, projectId, dataset, apiHost}) => ({name, basePath, projectId, dataset, apiHost}))).toEqual([
      {name: 'local', basePath: '/local', projectId: 'local', dataset: 'production', apiHost: 'http://localhost:4100'},
      {name: 'hosted', basePath: '/hosted', projectId: 'abc123', dataset: 'staging', apiHost: undefined},
    ])
  })
})
