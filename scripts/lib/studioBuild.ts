/**
 * Builds Sanity Studio with the project's own CLI (`sanity build`), cached by a hash of every
 * file that shapes the bundle, so repeated test runs and `npm run studio -- --build` skip it.
 */
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'

/** Everything the Studio bundle is made of; a change to any of them means a new build. */
const BUILD_INPUTS = ['sanity.config.ts', 'sanity.cli.ts', 'package-lock.json', 'schemas', 'studio']
const BUILD_FLAGS = ['--yes']
/** Builds kept besides the current one (about 10 MB each): enough to switch branches back and forth. */
const KEEP_OLD_BUILDS = 2
/**
 * Always a production bundle, whoever calls: vitest sets NODE_ENV=test, which would otherwise
 * reach the build and ship React's development build, with its dev-only console warnings.
 */
const BUILD_ENV = {NODE_ENV: 'production', SANITY_TELEMETRY_DISABLED: '1'}

export interface StudioBuildOptions {
  /** The repository root (where `sanity.config.ts` is). */
  root: string
  /** Where cached builds live, one folder per input hash. */
  cacheDir: string
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
  const dir = join(options.cacheDir, key)
  if (existsSync(join(dir, 'index.html'))) return {dir, cached: true, ms: Date.now() - started}

  const partial = `${dir}.partial-${process.pid}`
  rmSync(partial, {recursive: true, force: true})
  options.log?.(`Building the Studio (sanity build, cache key ${key}) ...`)
  await run(options.root, ['build', partial, ...BUILD_FLAGS], options.env ?? {})
  rmSync(dir, {recursive: true, force: true})
  renameSync(partial, dir)
  pruneOldBuilds(options.cacheDir, dir)
  return {dir, cached: false, ms: Date.now() - started}
}

function pruneOldBuilds(cacheDir: string, current: string): void {
  const old = readdirSync(cacheDir)
    .map((name) => join(cacheDir, name))
    .filter((path) => path !== current && !path.includes('.partial-'))
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

/** Runs the project's `sanity` CLI on the Node that runs this script (Sanity 6 needs Node 22+). */
function run(root: string, args: string[], env: Record<string, string>): Promise<void> {
  const bin = join(root, 'node_modules', '.bin')
  return new Promise((resolve, reject) => {
    const child = spawn(join(bin, 'sanity'), args, {
      cwd: root,
      env: {
        ...process.env,
        ...env,
        ...BUILD_ENV,
        PATH: `${dirname(process.execPath)}:${bin}:${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`sanity ${args.join(' ')} failed (exit ${code}):\n${output}`)),
    )
  })
}
