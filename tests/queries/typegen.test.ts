import {mkdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {afterAll, expect, test} from 'vitest'
import {runSanityCli} from '../../scripts/lib/sanityCli.ts'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * Regenerates schema.json and sanity.types.ts in a scratch project under .sanity/ (gitignored),
 * which re-exports the real Studio config, so the check never writes to the shared work tree.
 */
const SCRATCH = join(ROOT, '.sanity', `typegen-check-${process.pid}`)

afterAll(() => rm(SCRATCH, {recursive: true, force: true}))

test('sanity.types.ts and schema.json are up to date (run `npm run typegen` if this fails)', async () => {
  await mkdir(SCRATCH, {recursive: true})
  await writeFile(join(SCRATCH, 'sanity.config.ts'), "export {default} from '../../sanity.config.ts'\n")
  await writeFile(
    join(SCRATCH, 'sanity.cli.ts'),
    [
      "import {defineCliConfig} from 'sanity/cli'",
      'export default defineCliConfig({',
      "  api: {projectId: 'local', dataset: 'production'},",
      "  typegen: {path: ['../../queries/**/*.ts', '../../seed/import/seedQueries.ts', '../../studio/studioQueries.ts'], schema: 'schema.json', generates: 'sanity.types.ts'},",
      '})',
      '',
    ].join('\n'),
  )

  const extract = await runSanityCli(['schema', 'extract', '--path', 'schema.json', '--workspace', 'local'], {
    root: ROOT,
    cwd: SCRATCH,
  })
  expect(extract.code, extract.stderr).toBe(0)
  const generate = await runSanityCli(['typegen', 'generate'], {root: ROOT, cwd: SCRATCH})
  expect(generate.code, generate.stderr).toBe(0)

  const [schema, committedSchema] = await Promise.all([
    readFile(join(SCRATCH, 'schema.json'), 'utf8'),
    readFile(join(ROOT, 'schema.json'), 'utf8'),
  ])
  expect(schema === committedSchema, 'schema.json is stale: run `npm run typegen`').toBe(true)

  // The scratch project names its sources from two folders down.
  const types = (await readFile(join(SCRATCH, 'sanity.types.ts'), 'utf8')).replaceAll('// Source: ../../', '// Source: ')
  const committedTypes = await readFile(join(ROOT, 'sanity.types.ts'), 'utf8')
  expect(types === committedTypes, 'sanity.types.ts is stale: run `npm run typegen`').toBe(true)
}, 180_000)
