import {join, resolve} from 'node:path'
import {expect, test} from 'vitest'
import {runSanityCli} from '../../scripts/lib/sanityCli.ts'

const ROOT = resolve(import.meta.dirname, '../..')

/** `sanity schema validate` loads the real config the way the Studio does (bundled, .tsx and all). */
test.concurrent('sanity schema validate: the project schema has no errors and no warnings', async () => {
  const result = await runSanityCli(['schema', 'validate', '--format', 'json', '--workspace', 'local'], {root: ROOT})
  expect(result.stderr).not.toMatch(/error/i)
  expect({code: result.code, problems: JSON.parse(result.stdout)}).toEqual({code: 0, problems: []})
}, 120_000)

test.concurrent('sanity schema validate: a config with a duplicate field fails with the field named', async () => {
  const result = await runSanityCli(['schema', 'validate', '--format', 'json'], {
    root: ROOT,
    cwd: join(ROOT, 'tests/fixtures/schemas/duplicate-field'),
  })
  expect({code: result.code, problems: JSON.parse(result.stdout)}).toEqual({
    code: 1,
    problems: [
      {
        path: [{kind: 'type', type: 'document', name: 'brokenArticle'}],
        problems: [
          {
            severity: 'error',
            message: 'Found 2 fields with name "title" in object',
            helpId: 'schema-object-fields-invalid',
          },
        ],
      },
    ],
  })
}, 120_000)
