/**
 * The Node flags `npm run seed` runs with, as package.json's `seed` script writes them (the one
 * place they are written), for the bench and the tests that run the seed as npm does.
 * `--import` preloads compileCache.ts (a path from the package root, where npm runs scripts).
 * The heap flags keep memory flat as the number of files grows: with V8's defaults on a machine
 * with much memory the young generation grows to large semi-spaces and the old generation to
 * several times its live size, so peak RSS grew with the run. A smaller semi-space and a cap on
 * the old generation keep it flat for a small cost in speed (the commits that set them have the
 * measurements). The cap is far above what the seed holds: two batches, and in runs of up to
 * `KEEP_MAX_FILES` files at most `KEEP_PREPARED_BYTES` of checked ones.
 */
import {readFileSync} from 'node:fs'

const SEED_SCRIPT = 'scripts/seed.ts'

/** The words between `node` and `scripts/seed.ts` in package.json's `seed` script. */
export const SEED_NODE_FLAGS: string[] = flagsOf(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')))

function flagsOf(pkg: unknown): string[] {
  const scripts = typeof pkg === 'object' && pkg !== null && 'scripts' in pkg ? pkg.scripts : undefined
  const command = typeof scripts === 'object' && scripts !== null && 'seed' in scripts ? scripts.seed : undefined
  const words = typeof command === 'string' ? command.trim().split(/\s+/) : []
  const end = words.indexOf(SEED_SCRIPT)
  if (words[0] !== 'node' || end < 0) throw new Error(`package.json's seed script must be "node <flags> ${SEED_SCRIPT}"`)
  return words.slice(1, end)
}
