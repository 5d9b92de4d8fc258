/**
 * `npm run studio [-- --build] [--port 3333] [--lake-port 3900] [--studio-origin URL]...`: starts the local Content Lake
 * (data in `LAKE_DIR`, default `.lake/`) unless one is already running there, then Sanity Studio
 * on http://localhost:3333 (`sanity dev`, or with `--build` a cached `sanity build` served
 * statically), and prints what to open and how to log in.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {dirname, join, resolve} from 'node:path'

import {DEFAULT_SITE_ORIGIN} from '../lake/cors.ts'
import {startLake} from '../lake/serve.ts'
import {buildStudio} from './lib/studioBuild.ts'
import {serveStudio} from './lib/staticServer.ts'
import {DEFAULT_LAKE_PORT, lakePort as lakePortOf, parseCommandLine, portNumber} from './lib/commandLine.ts'
import {lakeDir as lakeDirOf, lakeToken} from './lib/lakeFiles.ts'
import {listenProblem} from './lib/listenCheck.ts'
import {runningLakeOf} from './lib/target.ts'

const ROOT = resolve(import.meta.dirname, '..')
const DEFAULT_STUDIO_PORT = 3333
/** The local workspace's base path (sanity.config.ts) and its dataset. */
const WORKSPACE_PATH = '/local'
const DATASET = 'production'
/** URLs a served build is given at runtime (staticServer.ts), so they need no build of their own. */
const RUNTIME_ENV = new Set(['SANITY_STUDIO_LAKE_URL', 'SANITY_STUDIO_PREVIEW_URL'])

const USAGE = `Usage: npm run studio -- [--build] [--port ${DEFAULT_STUDIO_PORT}] [--lake-port ${DEFAULT_LAKE_PORT}]
  --build      serve a cached \`sanity build\` instead of \`sanity dev\`
  --port       the Studio's port
  --lake-port  the lake's port when none is running in LAKE_DIR (default .lake/); env LAKE_PORT`

const {values} = parseCommandLine(USAGE, {
  options: {
    build: {type: 'boolean', default: false},
    port: {type: 'string', default: String(DEFAULT_STUDIO_PORT)},
    'lake-port': {type: 'string'},
    'studio-origin': {type: 'string', multiple: true, default: []},
  },
})
const studioPort = portNumber(values.port, '--port', USAGE)
const lakePort = lakePortOf(values['lake-port'], '--lake-port', process.env, USAGE)
const lakeDir = lakeDirOf(process.env)
/** The Studio this script serves, plus any the user adds: the lake's login provider logs in only these. */
const studioOrigins = [`http://localhost:${studioPort}`, `http://127.0.0.1:${studioPort}`, ...values['studio-origin']]

const lake = await openOrReuseLake().catch((error: unknown) => exitWith(error, `--lake-port ${lakePort + 1}`, `cannot start the lake in ${lakeDir} (LAKE_DIR)`, "Set LAKE_DIR to a lake's folder, or to a new one"))
// Browsers reach the lake as http://local.localhost:<port>: the Studio prepends the project id.
const lakeUrlForStudio = `http://localhost:${lake.port}`
const studio = values.build
  ? await serveBuild().catch(async (error: unknown) => {
      await lake.close()
      return exitWith(error, `--port ${studioPort + 1}`, 'cannot serve the Studio build')
    })
  : startDevServer()

printWelcome()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await studio.close()
    await lake.close()
    process.exit(0)
  })
}

/** Explains a failed start (a port in use, most often; else `what` failed, why, and `hint`) and exits with code 1. */
function exitWith(error: unknown, otherPort: string, what: string, hint = ''): never {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'EADDRINUSE') {
    console.error(`${message}: another program uses that port. Stop it, or pick another port, e.g. \`npm run studio -- ${otherPort}\`.`)
  } else {
    console.error(`studio: ${what}: ${message}${hint ? `. ${hint}` : ''}`)
  }
  process.exit(1)
}

async function openOrReuseLake(): Promise<{port: number; token: string; documents: number | null; close(): Promise<void>}> {
  const running = await runningLake()
  if (running) {
    console.log(`Using the lake already running at ${running.url} (data in ${lakeDir})`)
    return {...running, documents: await countDocuments(running.url, running.token), close: async () => {}}
  }
  // Checked before the lake opens its files: a port in use leaves nothing made in LAKE_DIR.
  const problem = await listenProblem('127.0.0.1', lakePort, '--lake-port')
  if (problem) {
    console.error(`studio: ${problem}`)
    process.exit(2)
  }
  const started = await startLake({
    dir: lakeDir,
    host: '127.0.0.1',
    port: lakePort,
    token: process.env.LAKE_TOKEN,
    log: (line) => console.log(`lake: ${line}`),
    studioOrigins,
    // The reader site the Presentation tool previews uses the lake from its pages too.
    corsOrigins: [DEFAULT_SITE_ORIGIN, ...(process.env.SANITY_STUDIO_PREVIEW_URL ? [process.env.SANITY_STUDIO_PREVIEW_URL] : [])],
  })
  const dataset = started.lake.dataset(DATASET)
  return {
    port: Number(new URL(started.url).port),
    token: started.token,
    documents: dataset ? dataset.count() : 0,
    close: () => Promise.resolve(started.close()),
  }
}

/** The lake `npm run lake` left running in the same data folder, if it still answers. */
async function runningLake(): Promise<{url: string; port: number; token: string} | null> {
  const url = await runningLakeOf('studio', lakeDir)
  const token = lakeToken(lakeDir, process.env)
  if (url === null || token === null) return null
  if (studioPort !== DEFAULT_STUDIO_PORT) {
    console.log(`That lake's login provider logs in the Studios it was started for (default http://localhost:${DEFAULT_STUDIO_PORT}); ` +
      `if logging in fails, restart it with \`npm run lake -- --studio-origin http://localhost:${studioPort}\`.`)
  }
  return {url, port: Number(new URL(url).port), token}
}

async function countDocuments(url: string, token: string): Promise<number | null> {
  const query = encodeURIComponent('count(*[!(_id in path("_.**"))])')
  const response = await fetch(`${url}/v2025-02-19/data/query/${DATASET}?query=${query}&perspective=raw`, {
    headers: {authorization: `Bearer ${token}`},
  }).catch(() => null)
  if (!response?.ok) return null
  const body: unknown = await response.json()
  return typeof body === 'object' && body !== null && 'result' in body && typeof body.result === 'number'
    ? body.result
    : null
}

async function serveBuild(): Promise<{close(): Promise<void>}> {
  const build = await buildStudio({
    root: ROOT,
    cacheDir: join(ROOT, 'node_modules', '.cache', 'studio-build'),
    env: studioEnv(),
    log: (line) => console.log(line),
  })
  console.log(build.cached ? `Studio build: cached (${build.dir})` : `Studio built in ${(build.ms / 1000).toFixed(1)} s`)
  return serveStudio({dir: build.dir, host: '127.0.0.1', port: studioPort, lakeUrl: lakeUrlForStudio, previewUrl: process.env.SANITY_STUDIO_PREVIEW_URL})
}

function startDevServer(): {close(): Promise<void>} {
  const bin = join(ROOT, 'node_modules', '.bin')
  const child: ChildProcess = spawn(join(bin, 'sanity'), ['dev', '--port', String(studioPort), '--host', 'localhost'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ...studioEnv(),
      SANITY_STUDIO_LAKE_URL: lakeUrlForStudio,
      PATH: `${dirname(process.execPath)}:${bin}:${process.env.PATH ?? ''}`,
    },
  })
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`sanity dev exited with code ${code}`)
      process.exitCode = code
    }
  })
  return {
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      }),
  }
}

/** What the Studio bundle may read; the lake and preview URLs are given at runtime to served builds. */
function studioEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('SANITY_STUDIO_') && !RUNTIME_ENV.has(name) && value) env[name] = value
  }
  return env
}

function printWelcome(): void {
  const studioUrl = `http://localhost:${studioPort}${WORKSPACE_PATH}`
  const lines = [
    '',
    `Studio   ${studioUrl}${values.build ? '' : '   (sanity dev: the first page load compiles for a few seconds)'}`,
    `Vision   ${studioUrl}/vision`,
    `Lake     http://127.0.0.1:${lake.port}   data in ${lakeDir}`,
    '',
    'Log in   choose "Local Content Lake (this computer)" on the Studio\'s login screen.',
    `         Fallback: open ${studioUrl}#token=${lake.token}`,
    '         (the Studio keeps the token in this browser\'s localStorage and drops it from the URL)',
  ]
  if (lake.documents === 0) {
    lines.push('', `The dataset "${DATASET}" is empty. Import the seed article with \`npm run seed\` in another`,
      'terminal: it finds this running lake. The Studio shows it as soon as it is written.')
  }
  if (process.env.SANITY_STUDIO_PROJECT_ID) {
    lines.push('', `Hosted   http://localhost:${studioPort}/hosted   project ${process.env.SANITY_STUDIO_PROJECT_ID}` +
      ' (log in with your Sanity account; add this origin to the project\'s CORS origins)')
  } else {
    lines.push('', 'Hosted   set SANITY_STUDIO_PROJECT_ID (and SANITY_STUDIO_DATASET) to add a hosted workspace.')
  }
  lines.push('', 'Stop with Ctrl+C.', '')
  console.log(lines.join('\n'))
}
