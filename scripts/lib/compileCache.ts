/**
 * Preloaded by `npm run seed` (`--import`, see seedNodeFlags.ts): turns on Node's compile cache
 * before any module of the seed loads. Without it every run strips the types of each TypeScript
 * module and compiles it again, in the main thread and once more in the parse worker; with it,
 * from the second run on, both start faster (the worker's start is inside the import's time: the
 * check waits for it). A worker does not inherit `module.enableCompileCache()`; it reads NODE_COMPILE_CACHE
 * from the environment it is given, so the directory is passed on there.
 * `NODE_DISABLE_COMPILE_CACHE=1` turns it off, as for any Node program.
 */
import module from 'node:module'

const {directory} = module.enableCompileCache()
if (directory) process.env.NODE_COMPILE_CACHE ??= directory
