import {visionTool} from '@sanity/vision'
import {defineConfig, type WorkspaceOptions} from 'sanity'
import {structureTool} from 'sanity/structure'
import {schemaTypes} from './schemas/index.ts'
import {withCorrectionOffer} from './studio/CorrectionOnPublish.tsx'
import {localConnection} from './studio/localWorkspace.ts'
import {presentation} from './studio/presentation.ts'
import {rtlInputs} from './studio/rtlInputs.ts'
import {structure} from './studio/structure.ts'
import {articleInLanguage} from './studio/templates.ts'

const API_VERSION = '2025-02-19'

/**
 * Everything both workspaces share: the model, the desk, the Presentation tool (the reader site in
 * draft mode), Vision, right-to-left inputs, and the offer of a correction when a published
 * article is published again.
 */
const shared = {
  plugins: [
    structureTool({structure}),
    // Spelled out: the Studio build inlines each `process.env.SANITY_STUDIO_*` expression.
    presentation({SANITY_STUDIO_PREVIEW_URL: process.env.SANITY_STUDIO_PREVIEW_URL}),
    visionTool({defaultApiVersion: API_VERSION}),
    rtlInputs(),
  ],
  schema: {
    types: schemaTypes,
    templates: (previous) => [...previous, articleInLanguage],
  },
  document: {
    actions: (previous, {schemaType}) =>
      schemaType === 'article' ? previous.map((action) => (action.action === 'publish' ? withCorrectionOffer(action) : action)) : previous,
  },
} satisfies Partial<WorkspaceOptions>

/**
 * What the local lake does not implement, switched off (scheduled publishing is the older
 * plugin with its own API; comments live in a hosted project's comments dataset, so on the lake
 * each field's "Add comment" only led to an offer of a paid plan). Releases and scheduled drafts stay on: the lake runs release actions,
 * publishes scheduled releases itself and advertises `contentReleases` and `singleDocRelease`.
 */
const localFeatures = {
  document: {...shared.document, comments: {enabled: () => false}},
  scheduledPublishing: {enabled: false},
  scheduledDrafts: {enabled: true},
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
