/**
 * `npm run dev [-- --site-port 3000] [--studio-port 3333] [--without studio|site]`: everything an editor
 * needs, in one terminal: the local Content Lake (or the one already running in `LAKE_DIR`), the
 * Studio (`npm run studio`) and the reader site (`next dev web`), each child's output prefixed with
 * its name, their URLs printed. Ctrl+C stops them all. Env: `LAKE_DIR`, `LAKE_PORT`, `LAKE_TOKEN`
 * as for the other scripts; `NEXT_PUBLIC_SANITY_*` for a hosted project (the site's config reads them).
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {join, resolve} from 'node:path'
import {createInterface} from 'node:readline'

import {parseCommandLine, portNumber} from './lib/commandLine.ts'
import {LakeStateError, lakeDir as lakeDirOf} from './lib/lakeFiles.ts'
import {findRunningLake, runningLakeOf} from './lib/target.ts'

const ROOT = resolve(import.meta.dirname, '..')
const NODE = process.execPath
const LAKE_START_MS = 30_000

const USAGE = `Usage: npm run dev -- [--site-port 3000] [--studio-port 3333] [--without studio|site]...
  lake (or the one running in LAKE_DIR), Studio and reader site in one terminal; Ctrl+C stops all`
/** What --without may leave out: the lake is what the others read. */
const PARTS = ['studio', 'site']

const {values} = parseCommandLine(USAGE, {
  options: {
    'site-port': {type: 'string', default: '3000'},
    'studio-port': {type: 'string', default: '3333'},
    without: {type: 'string', multiple: true, default: []},
  },
})
portNumber(values['site-port'], '--site-port', USAGE)
portNumber(values['studio-port'], '--studio-port', USAGE)
for (const part of values.without) {
  if (!PARTS.includes(part)) {
    console.error(`--without takes ${PARTS.join(' or ')}, got "${part}"\n${USAGE}`)
    process.exit(2)
  }
}
const lakeDir = lakeDirOf(process.env)
const env = {...process.env, LAKE_DIR: lakeDir, NEXT_TELEMETRY_DISABLED: '1', SANITY_TELEMETRY_DISABLED: '1'}
const children: Array<{name: string; child: ChildProcess}> = []
let stopping = false

/** Starts a child whose stdout and stderr lines are printed as `[name] line`. */
function start(name: string, args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(NODE, args, {cwd: ROOT, env: {...env, ...extraEnv}, stdio: ['ignore', 'pipe', 'pipe']})
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({input: stream}).on('line', (line) => console.log(`[${name}] ${line}`))
  }
  child.on('exit', (code, signal) => {
    console.log(`[dev] ${name} exited (${signal ?? code})`)
    if (!stopping) void stop(1)
  })
  children.push({name, child})
  return child
}

/** Stops every child (SIGINT, as Ctrl+C would) and exits once they have. */
async function stop(code: number): Promise<never> {
  stopping = true
  await Promise.all(
    children.map(({child}) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
      const exited = new Promise((done) => child.once('exit', done))
      child.kill('SIGINT')
      return exited
    }),
  )
  process.exit(code)
}

process.once('SIGINT', () => void stop(0))
process.once('SIGTERM', () => void stop(0))

let lakeUrl = await runningLakeOf('dev', lakeDir)
if (lakeUrl) {
  console.log(`[dev] using the lake already running at ${lakeUrl}`)
} else {
  // The lake's login provider logs in only the Studios it was started for: this one.
  const studio = `http://localhost:${values['studio-port']}`
  // Its pages use the lake from the browser (live updates): the lake answers only the pages it was started for.
  const site = `http://localhost:${values['site-port']}`
  start('lake', [join(ROOT, 'scripts/lake.ts'), '--dir', lakeDir, '--studio-origin', studio, '--studio-origin', studio.replace('localhost', '127.0.0.1'), '--cors-origin', site])
  const deadline = Date.now() + LAKE_START_MS
  while (!lakeUrl && Date.now() < deadline && !stopping) {
    await new Promise((done) => setTimeout(done, 200))
    lakeUrl = await findRunningLake(lakeDir).catch(async (error: unknown) => {
      if (!(error instanceof LakeStateError)) throw error
      console.error(`[dev] ${error.message}`)
      return stop(2)
    })
  }
  if (!lakeUrl) {
    console.error(`[dev] the lake did not start within ${LAKE_START_MS / 1000} s`)
    await stop(1)
  }
}
const lakePort = new URL(lakeUrl ?? '').port
const siteUrl = `http://localhost:${values['site-port']}`
const studioUrl = `http://localhost:${values['studio-port']}/local`
if (!values.without.includes('studio')) {
  // The Presentation tool previews this site (an explicit SANITY_STUDIO_PREVIEW_URL wins).
  start('studio', [join(ROOT, 'scripts/studio.ts'), '--port', values['studio-port'], '--lake-port', lakePort], {
    SANITY_STUDIO_PREVIEW_URL: process.env.SANITY_STUDIO_PREVIEW_URL || siteUrl,
  })
}
if (!values.without.includes('site')) {
  // The site finds the lake and its token itself (web/next.config.ts: LAKE_DIR, LAKE_TOKEN); the
  // token stays in its server code. Its stega edit links open this Studio.
  start('site', [join(ROOT, 'node_modules/next/dist/bin/next'), 'dev', 'web', '--port', values['site-port']], {
    NEXT_PUBLIC_SITE_URL: process.env.NEXT_PUBLIC_SITE_URL || siteUrl,
    NEXT_PUBLIC_SANITY_STUDIO_URL: process.env.NEXT_PUBLIC_SANITY_STUDIO_URL || studioUrl,
  })
}
console.log(
  [
    '',
    `[dev] Lake    ${lakeUrl}   data in ${lakeDir}`,
    values.without.includes('studio') ? '' : `[dev] Studio  ${studioUrl}   (Presentation: ${studioUrl}/presentation)`,
    values.without.includes('site') ? '' : `[dev] Site    ${siteUrl}/`,
    '[dev] Stop everything with Ctrl+C.',
    '',
  ]
    .filter((line, index) => index === 0 || line !== '')
    .join('\n'),
)
