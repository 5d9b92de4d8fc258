/**
 * Node flags `npm run seed` runs with (package.json repeats them; a test keeps the two equal).
 * `--import` preloads compileCache.ts (a path from the package root, where npm runs scripts).
 * The heap flags keep memory flat as the number of files grows. The seed's live heap stays at a
 * few tens of MB, but with V8's defaults on a machine with much memory the young generation grows
 * to 64 MB semi-spaces and the old generation to four times its live size, so peak RSS grew with
 * the run (about 200 MB at 1,000 articles, 440–500 MB at 10,000). A 16 MB semi-space costs no
 * measurable speed; an old generation capped at 1 GB (V8 then grows it by at most 1.5 times the
 * live size) holds 10,000 articles to about 300 MB, for about 2 % of the speed at 1,000. The cap
 * is far above what the seed holds: two batches and at most `KEEP_PREPARED_BYTES` of checked files.
 */
export const SEED_NODE_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=1024', '--import=./scripts/lib/compileCache.ts']
