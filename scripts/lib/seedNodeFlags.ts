/**
 * Node flags `npm run seed` runs with (package.json repeats them; a test keeps the two equal).
 * `--import` preloads compileCache.ts (a path from the package root, where npm runs scripts).
 * The heap flags keep memory flat as the number of files grows. The seed's live heap stays at a
 * few tens of MB, but with V8's defaults on a machine with much memory the young generation grows
 * to large semi-spaces and the old generation to four times its live size, so peak RSS grew with
 * the run. A smaller semi-space and a cap on the old generation (V8 then grows it by at most 1.5
 * times the live size) keep it flat for a small cost in speed (the commits that set them have the
 * measurements). The cap is far above what the seed holds: two batches, and in runs of up to
 * `KEEP_MAX_FILES` files at most `KEEP_PREPARED_BYTES` of checked ones.
 */
export const SEED_NODE_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=1024', '--import=./scripts/lib/compileCache.ts']
