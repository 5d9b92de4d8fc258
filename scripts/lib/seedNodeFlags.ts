/**
 * Node flags `npm run seed` runs with (package.json repeats them; a test keeps the two equal).
 * `--import` preloads compileCache.ts (a path from the package root, where npm runs scripts). The
 * seed's live data stays at a few tens of MB, but with V8's defaults the young generation and the
 * old generation's growth target expand with the run, so peak RSS grew with the number of files
 * (257 MB at 1,000 articles, 474 MB at 10,000). A 16 MB semi-space and an old generation capped at
 * 512 MB (which also makes V8 grow the heap in smaller steps) keep it flat: about 230 MB at either
 * size, at the same speed. 512 MB leaves ample room: the seed holds two batches, not the run.
 */
export const SEED_NODE_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=512', '--import=./scripts/lib/compileCache.ts']
