/**
 * Builds Sanity Studio with the project's own CLI (`sanity build`), cached by a hash of every
 * file that shapes the bundle, so repeated test runs and `npm run studio -- --build` skip it.
 * Processes that need the same build at the same time (vitest runs test files in parallel
 * workers) build it once: the others wait for it.
 */
import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'

import {runSanityCli} from './sanityCli.ts'

/** Everything the Studio bundle is made of; a change to any of them means a new build. */
const BUILD_INPUTS = ['sanity.config.ts', 'sanity.cli.ts', 'package-lock.json', 'schemas', 'studio']
const BUILD_FLAGS = ['--yes']
/** Builds kept besides the current one (each a whole Studio bundle): enough to switch branches back and forth. */
const KEEP_OLD_BUILDS = 2
/** How often a process waiting for another one's build of the same sources looks again. */
const LOCK_POLL_MS = 250
/**
 * Always a production bundle, whoever calls: vitest sets NODE_ENV=test, which would otherwise
 * reach the build and ship React's development build, with its dev-only console warnings.
 */
const BUILD_ENV = {NODE_ENV: 'production', SANITY_TELEMETRY_DISABLED: '1'}

export interface StudioBuildOptions {
  /** The repository root (where `sanity.config.ts` is). */
  root: string
  /** Where cached builds live, one folder per input hash; `node_modules/.cache/studio-build` by default. */
  cacheDir?: string
  /** Extra environment for the build (`SANITY_STUDIO_*` values are baked into the bundle). */
  env?: Record<string, string>
  /** Progress lines. */
  log?: (line: string) => void
}

/**
 * Returns the folder of a Studio build for the current sources, building it when missing.
 * @throws Error with the CLI's output when `sanity build` fails.
 */
export async function buildStudio(options: StudioBuildOptions): Promise<{dir: string; cached: boolean; ms: number}> {
  const started = Date.now()
  const key = hashInputs(options.root, options.env ?? {})
  const cacheDir = options.cacheDir ?? join(options.root, 'node_modules', '.cache', 'studio-build')
  const dir = join(cacheDir, key)
  const isBuilt = () => existsSync(join(dir, 'index.html'))
  if (isBuilt()) return {dir, cached: true, ms: Date.now() - started}

  return withLock(`${dir}.lock`, async () => {
    // Another process may have built it while this one waited for the lock.
    if (isBuilt()) return {dir, cached: true, ms: Date.now() - started}
    const partial = `${dir}.partial-${process.pid}`
    rmSync(partial, {recursive: true, force: true})
    options.log?.(`Building the Studio (sanity build, cache key ${key}) ...`)
    const args = ['build', partial, ...BUILD_FLAGS]
    const result = await runSanityCli(args, {root: options.root, env: {...options.env, ...BUILD_ENV}})
    if (result.code !== 0) {
      rmSync(partial, {recursive: true, force: true})
      throw new Error(`sanity ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`)
    }
    rmSync(dir, {recursive: true, force: true})
    renameSync(partial, dir)
    pruneOldBuilds(cacheDir, dir)
    return {dir, cached: false, ms: Date.now() - started}
  })
}

/**
 * Runs `work` while holding the lock folder `lock` (one process at a time), waiting while
 * another live process holds it and taking over from one that died.
 */
async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  // The lock appears with its owner's pid inside (renamed into place), never empty.
  const claim = `${lock}-${process.pid}`
  mkdirSync(claim, {recursive: true})
  writeFileSync(join(claim, 'pid'), String(process.pid))
  try {
    for (;;) {
      try {
        renameSync(claim, lock)
        break
      } catch (error) {
        if (!isAlreadyThere(error)) throw error
        if (holderIsGone(lock)) rmSync(lock, {recursive: true, force: true})
        else await sleep(LOCK_POLL_MS)
      }
    }
    return await work()
  } finally {
    rmSync(claim, {recursive: true, force: true})
    if (readPid(lock) === process.pid) rmSync(lock, {recursive: true, force: true})
  }
}

function isAlreadyThere(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null
  return code === 'EEXIST' || code === 'ENOTEMPTY'
}

function readPid(lock: string): number | null {
  try {
    return Number(readFileSync(join(lock, 'pid'), 'utf8'))
  } catch {
    return null
  }
}

function holderIsGone(lock: string): boolean {
  const pid = readPid(lock)
  if (pid === null) return false // released this instant; the next rename will tell
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return !(typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM')
  }
}

function pruneOldBuilds(cacheDir: string, current: string): void {
  const old = readdirSync(cacheDir)
    .map((name) => join(cacheDir, name))
    .filter((path) => path !== current && !path.includes('.partial-') && !path.includes('.lock'))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  for (const path of old.slice(KEEP_OLD_BUILDS)) rmSync(path, {recursive: true, force: true})
}

function hashInputs(root: string, env: Record<string, string>): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify([BUILD_FLAGS, BUILD_ENV, Object.entries(env).sort()]))
  for (const file of BUILD_INPUTS.flatMap((input) => listFiles(join(root, input)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex').slice(0, 16)
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => listFiles(join(path, name)))
}
