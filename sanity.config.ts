import {visionTool} from '@sanity/vision'
import {defineConfig, type WorkspaceOptions} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from './schemas/index.ts'
import {localConnection} from './studio/localWorkspace.ts'
import {rtlInputs} from './studio/rtlInputs.ts'
import {structure} from './studio/structure.ts'
import {articleInLanguage} from './studio/templates.ts'

const API_VERSION = '2025-02-19'

/** Everything both workspaces share: the model, the desk, Vision and right-to-left inputs. */
const shared = {
  plugins: [structureTool({structure}), visionTool({defaultApiVersion: API_VERSION}), rtlInputs()],
  schema: {
    types: schemaTypes,
    templates: (previous) => [...previous, articleInLanguage],
  },
} satisfies Partial<WorkspaceOptions>

/**
 * What the local lake does not implement, switched off. Releases stay on: the lake runs release
 * actions and advertises `contentReleases`.
 */
const localFeatures = {
  scheduledPublishing: {enabled: false},
  scheduledDrafts: {enabled: false},
  tasks: {enabled: false},
  announcements: {enabled: false},
} satisfies Partial<WorkspaceOptions>

const local: WorkspaceOptions = {
  ...shared,
  ...localFeatures,
  name: 'local',
  title: 'Local lake',
  basePath: '/local',
  // Spelled out: the Studio build inlines each `process.env.SANITY_STUDIO_*` expression, not `process.env`.
  ...localConnection({SANITY_STUDIO_LAKE_URL: process.env.SANITY_STUDIO_LAKE_URL}),
}

const hostedProjectId = process.env.SANITY_STUDIO_PROJECT_ID

const hosted: WorkspaceOptions[] = hostedProjectId
  ? [
      {
        ...shared,
        name: 'hosted',
        title: 'Hosted project',
        basePath: '/hosted',
        projectId: hostedProjectId,
        dataset: process.env.SANITY_STUDIO_DATASET || 'production',
      },
    ]
  : []

export default defineConfig([local, ...hosted])
