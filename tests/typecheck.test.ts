/**
 * The whole repository type-checks (`npm run typecheck`): Node runs the TypeScript by stripping
 * types, so nothing else would notice a wrong type.
 */
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'

import {expect, test} from 'vitest'

const ROOT = join(import.meta.dirname, '..')

test('tsc --noEmit reports no errors', () => {
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', ROOT], {cwd: ROOT, encoding: 'utf8'})
  expect(result.stdout + result.stderr).toBe('')
  expect(result.status).toBe(0)
}, 180_000)
