/**
 * `npm run lake -- [--port 3900] [--dir .lake] [--host 127.0.0.1] [--studio-origin URL]... [--cors-origin URL]...`:
 * serves the local Content Lake until Ctrl-C. Env: `LAKE_DIR`, `LAKE_PORT`, `LAKE_TOKEN` (else a
 * generated dev token). `--studio-origin` (repeatable, default http://localhost:3333) names the
 * Studios the local login provider may log in; `--cors-origin` (repeatable, default
 * http://localhost:3000, the reader site) the other pages that may use the lake from a browser,
 * as `sanity cors add` does for a hosted project.
 */
import {lakePort, parseCommandLine} from './lib/commandLine.ts'
import {lakeDir} from './lib/lakeFiles.ts'
import {listenHost, listenProblem} from './lib/listenCheck.ts'
import {runningLakeOf} from './lib/target.ts'
import {DEFAULT_SITE_ORIGIN} from '../lake/cors.ts'
import {startLake} from '../lake/serve.ts'
import {DEFAULT_STUDIO_ORIGIN, isLoopbackHost, nonLoopbackWarning} from '../lake/studioApi/login.ts'

const USAGE = 'Usage: npm run lake -- [--port 3900] [--dir .lake] [--host 127.0.0.1] [--studio-origin http://localhost:3333]... [--cors-origin http://localhost:3000]...'

const {values} = parseCommandLine(USAGE, {
  options: {
    port: {type: 'string'},
    dir: {type: 'string'},
    host: {type: 'string'},
    'studio-origin': {type: 'string', multiple: true},
    'cors-origin': {type: 'string', multiple: true},
  },
})
const port = lakePort(values.port, '--port', process.env, USAGE)
if (values.dir === '') {
  console.error("lake: --dir is empty: name the lake's folder, e.g. --dir .lake (the default)")
  process.exit(2)
}
const dir = values.dir ?? lakeDir(process.env)
const host = listenHost(values.host ?? '127.0.0.1')

// A second server on the same files would take over lake.json, and leave it pointing at a dead
// port when it stops, while the first one still serves: scripts would then open the files a third time.
const running = await runningLakeOf('lake', dir)
if (running) {
  console.error(`lake: a lake already serves ${dir} at ${running}: use it (the scripts find it), or stop it first`)
  process.exit(1)
}

const problem = await listenProblem(host, port)
if (problem) {
  console.error(`lake: ${problem}`)
  process.exit(2)
}

try {
  const lake = await startLake({
    dir,
    port,
    host,
    token: process.env.LAKE_TOKEN || undefined,
    // The host warning is printed once the lake serves, framed (below), not as it opens.
    log: (message) => message !== nonLoopbackWarning(host) && console.log(`[lake] ${message}`),
    studioOrigins: values['studio-origin'],
    corsOrigins: values['cors-origin'],
  })
  // Before anything is printed: a stop from then on removes lake.json, as a stop later does.
  const stop = () => {
    console.log('Stopping the lake...')
    lake.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const datasets = lake.lake.datasets()
  console.log(`Local Content Lake running at ${lake.url}`)
  console.log(`  data dir:  ${dir}`)
  console.log(`  datasets:  ${datasets.length ? datasets.join(', ') : '(none)'}`)
  console.log(`  project:   local (any project id is accepted)`)
  console.log(`  token:     ${lake.token}`)
  console.log(`  login:     ${isLoopbackHost(host) ? `Studios at ${(values['studio-origin'] ?? [DEFAULT_STUDIO_ORIGIN]).join(', ')}` : 'OFF (not a loopback address)'}`)
  console.log(`  browsers:  pages on ${[...(values['studio-origin'] ?? [DEFAULT_STUDIO_ORIGIN]), ...(values['cors-origin'] ?? [DEFAULT_SITE_ORIGIN])].join(', ')} (add one with --cors-origin URL)`)
  console.log(`Try: npm run query -- 'count(*)'`)
  if (!isLoopbackHost(host)) {
    const rule = '!'.repeat(78)
    console.error(`\n${rule}\n${nonLoopbackWarning(host)}\n${rule}\n`)
  }
} catch (error) {
  const code = error instanceof Error && 'code' in error ? error.code : undefined
  const message = error instanceof Error ? error.message : String(error)
  if (code === 'EADDRINUSE') console.error(`lake: port ${port} is in use; stop the other process or pass --port`)
  // A folder that is a file or cannot be made, a dataset file that is not SQLite: the folder is what to change.
  else if (typeof code === 'string') console.error(`lake: cannot open the lake in ${dir}: ${message}. Name a lake's folder, or a new one, with --dir or LAKE_DIR`)
  else console.error(`lake: ${message}`)
  process.exit(1)
}
