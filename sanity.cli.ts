import {defineCliConfig} from 'sanity/cli'

export default defineCliConfig({
  api: {projectId: 'local', dataset: 'production'},
  deployment: {autoUpdates: false},
  // With SANITY_STUDIO_PROJECT_ID set the config has two workspaces; the model is the same in both.
  schemaExtraction: {workspace: 'local', path: 'schema.json'},
  typegen: {
    // The frontend's queries, and the seed's and the Studio's own (so no query result is typed by hand).
    path: ['./queries/**/*.ts', './seed/import/seedQueries.ts', './studio/studioQueries.ts'],
    schema: 'schema.json',
    generates: 'sanity.types.ts',
  },
})
