/**
 * Where a CLI reads and writes: a hosted Sanity project when `SANITY_PROJECT_ID` is set, else a
 * running local lake (found through `<LAKE_DIR>/lake.json`), else an embedded lake started
 * in-process for the duration of the command. Always `await target.close()` at the end.
 */
import {join} from 'node:path'
import {createClient, type SanityClient} from '@sanity/client'
import {inProcess, overHttp, requestHandlerFor, type Send} from './clientTransport.ts'
import {holdsLake, LakeStateError, lakeDir, lakeToken, recordedLakeUrl} from './lakeFiles.ts'

/** The API version our clients speak (see AGENTS.md). */
const API_VERSION = '2025-02-19'
/** How long to wait for a running lake to answer before starting our own. */
const PROBE_TIMEOUT_MS = 1000
/** How much longer a lake that takes the connection but is silent gets: one busy with a large write. */
const BUSY_PROBE_TIMEOUT_MS = 10_000
/** The base URL of an embedded lake's requests: they never leave the process, so no port. */
const EMBEDDED_URL = 'http://embedded.lake'
/** What @sanity/client accepts as a project id; it throws at creation otherwise. */
const PROJECT_ID = /^[a-z0-9-]+$/i
/** What @sanity/client accepts as a dataset name; it throws at creation otherwise. */
const DATASET_NAME = /^~?[a-z0-9][-\w]{0,63}$/

/**
 * A target that cannot be reached as configured: the message names the variable or option to fix.
 * Scripts print it without a stack (see `openTarget`).
 */
export class TargetError extends Error {}

/** What picks the target besides the environment. */
export interface TargetOptions {
  /** `--dataset`, which wins over `SANITY_DATASET`. */
  dataset?: string
  /** `false`: null where an embedded lake would have to be started. */
  embedded?: boolean
  /**
   * The token a hosted project needs for this command (`read`: drafts and history; `write`):
   * without it every request would fail with a 401 that names no variable.
   */
  needsToken?: 'read' | 'write'
  /**
   * The command writes a dataset that may be new: the local lake makes it (and an embedded lake
   * its folder), as `sanity dataset create` would (a hosted project's datasets are its owner's to
   * make). Reads never make one: a mistyped --dataset is a 404, whether the lake runs or is opened
   * in process, and a folder without a lake is a TargetError.
   */
  createDataset?: boolean
}

export interface Target {
  client: SanityClient
  /** `hosted`, `lake` (a running local lake) or `embedded` (started by this process). */
  kind: 'hosted' | 'lake' | 'embedded'
  /** Human-readable description for logs, e.g. `http://127.0.0.1:3900 dataset production`. */
  description: string
  close(): Promise<void>
}

/**
 * The dataset the target would use, once what the environment and options say is checked without
 * opening anything (names, a hosted project's token): a command can check its own input after this
 * and before `resolveTarget`, which may make a dataset.
 * @throws TargetError naming the variable or option to fix.
 */
export function checkTarget(env: Record<string, string | undefined>, options: TargetOptions = {}): string {
  const dataset = options.dataset || env.SANITY_DATASET || 'production'
  if (!DATASET_NAME.test(dataset)) {
    const source = options.dataset ? '--dataset' : 'SANITY_DATASET'
    throw new TargetError(`${source} "${dataset}" is not a dataset name: use lowercase letters, digits, "_" and "-" (at most 64), starting with a letter or digit, e.g. production`)
  }
  if (env.SANITY_PROJECT_ID && !PROJECT_ID.test(env.SANITY_PROJECT_ID)) {
    throw new TargetError(`SANITY_PROJECT_ID "${env.SANITY_PROJECT_ID}" is not a project id: copy it from sanity.io/manage (letters, digits and dashes), or unset it to use the local lake`)
  }
  if (env.SANITY_PROJECT_ID) {
    if (options.needsToken === 'write' && !env.SANITY_API_WRITE_TOKEN) {
      throw new TargetError(`SANITY_PROJECT_ID is set but SANITY_API_WRITE_TOKEN is not: this command writes to project ${env.SANITY_PROJECT_ID}, so set SANITY_API_WRITE_TOKEN to a token with write access (Editor; sanity.io/manage, API, Tokens)`)
    }
    if (options.needsToken === 'read' && !env.SANITY_API_WRITE_TOKEN && !env.SANITY_API_READ_TOKEN) {
      throw new TargetError(`SANITY_PROJECT_ID is set but no token is: this command reads drafts or history of project ${env.SANITY_PROJECT_ID}, so set SANITY_API_READ_TOKEN (Viewer) or SANITY_API_WRITE_TOKEN`)
    }
  }
  return dataset
}

/**
 * Resolves the target from an environment (pass `process.env`).
 * @throws TargetError for a malformed project id or dataset name, a damaged `lake.json`, or a local lake that cannot be opened.
 */
export async function resolveTarget(env: Record<string, string | undefined>, options?: TargetOptions & {embedded?: true}): Promise<Target>
/** With `embedded: false`: null where an embedded lake would have to be started. */
export async function resolveTarget(env: Record<string, string | undefined>, options: TargetOptions & {embedded: false}): Promise<Target | null>
export async function resolveTarget(env: Record<string, string | undefined>, options: TargetOptions = {}): Promise<Target | null> {
  const dataset = checkTarget(env, options)
  if (env.SANITY_PROJECT_ID) {
    const client = createClient({
      projectId: env.SANITY_PROJECT_ID,
      dataset,
      apiVersion: API_VERSION,
      useCdn: false,
      token: env.SANITY_API_WRITE_TOKEN || env.SANITY_API_READ_TOKEN,
    })
    return {client, kind: 'hosted', description: `project ${env.SANITY_PROJECT_ID} dataset ${dataset}`, close: async () => {}}
  }
  const dir = lakeDir(env)
  const running = await findRunningLake(dir).catch((error: unknown) => {
    throw asTargetError(error)
  })
  if (running) {
    const token = lakeToken(dir, env)
    // A lake started with LAKE_TOKEN keeps no token file: without it, history is a 401 and a
    // snapshot silently holds the published documents only.
    if (options.needsToken && !token) {
      throw new TargetError(`the lake at ${running} needs its token for this command and ${join(dir, 'token')} is missing: set LAKE_TOKEN to the token the lake printed when it started`)
    }
    const client = localClient(running, token ?? '', dataset)
    if (options.createDataset) {
      await client.datasets.create(dataset).catch((error: unknown) => {
        throw new TargetError(`cannot make dataset "${dataset}" on the lake at ${running}: ${error instanceof Error ? error.message : String(error)}`)
      })
    }
    return {client, kind: 'lake', description: `${running} dataset ${dataset}`, close: async () => {}}
  }
  if (options.embedded === false) return null
  // A read of a folder that holds no lake (a mistyped LAKE_DIR, a fresh clone) would make one there
  // and answer 0 or "no revisions" as if that were the news: say there is none instead.
  if (!options.createDataset && !holdsLake(dir)) {
    throw new TargetError(`no local lake in ${dir} (LAKE_DIR) and none running: seed one (npm run seed), start one (npm run lake), or set LAKE_DIR to a lake's folder`)
  }
  // Loaded only here: a seed into a running lake or a hosted project never pays for the lake's modules.
  const {openLocalLake} = await import('../../lake/localLake.ts')
  // `production` is always there, as on a fresh project; another dataset only for a writer.
  const datasets = options.createDataset ? [...new Set(['production', dataset])] : ['production']
  let lake: ReturnType<typeof openLocalLake>
  try {
    lake = openLocalLake({dir, token: env.LAKE_TOKEN || undefined, datasets})
  } catch (error) {
    // A folder that is a file, or a dataset file that is not SQLite: the person must fix LAKE_DIR, not read a stack.
    const problem = error instanceof Error ? error.message : String(error)
    throw new TargetError(`cannot open the local lake in ${dir} (LAKE_DIR): ${problem}. Set LAKE_DIR to a lake's folder, or to a new one`)
  }
  lake.startScheduler()
  return {
    client: localClient(EMBEDDED_URL, lake.token, dataset, inProcess(lake.handler)),
    kind: 'embedded',
    description: `embedded lake in ${dir} dataset ${dataset}`,
    close: () => lake.close(),
  }
}

/**
 * `resolveTarget` for a script named `script`: a `TargetError` is printed as `<script>: <message>`
 * and the process exits with 2, as for a bad option.
 */
export async function openTarget(script: string, env: Record<string, string | undefined>, options: TargetOptions = {}): Promise<Target> {
  try {
    return await resolveTarget(env, {...options, embedded: true})
  } catch (error) {
    return exitOnTargetError(script, error)
  }
}

/** `checkTarget` for a script named `script`: a `TargetError` is printed and the process exits with 2, as `openTarget` does. */
export function checkTargetOf(script: string, env: Record<string, string | undefined>, options: TargetOptions = {}): void {
  try {
    checkTarget(env, options)
  } catch (error) {
    exitOnTargetError(script, error)
  }
}

function exitOnTargetError(script: string, error: unknown): never {
  if (!(error instanceof TargetError)) throw error
  console.error(`${script}: ${error.message}`)
  process.exit(2)
}

/**
 * `findRunningLake` for a script named `script`: a damaged `lake.json` or a silent lake is printed
 * as `<script>: <message>` and the process exits with 2, as `openTarget` does.
 */
export async function runningLakeOf(script: string, dir: string): Promise<string | null> {
  try {
    return await findRunningLake(dir)
  } catch (error) {
    return exitOnTargetError(script, asTargetError(error))
  }
}

/** A LakeStateError as the TargetError scripts print; any other error as it is. */
function asTargetError(error: unknown): unknown {
  return error instanceof LakeStateError ? new TargetError(error.message) : error
}

/**
 * The URL of a live lake serving `dir` (it recorded its URL and answers a ping), or null when none
 * does (no `lake.json`, or nothing answers at its URL). A lake that takes the connection but stays
 * silent is given BUSY_PROBE_TIMEOUT_MS more before the scripts give up on it.
 * @throws LakeStateError when `lake.json` is damaged, or its lake stays silent: whether a lake
 *   serves `dir` is then unknown.
 */
export async function findRunningLake(dir: string): Promise<string | null> {
  const url = recordedLakeUrl(dir)
  if (!url) return null
  for (const timeoutMs of [PROBE_TIMEOUT_MS, BUSY_PROBE_TIMEOUT_MS]) {
    const answer = await ping(url, timeoutMs)
    if (answer !== 'silent') return answer === 'up' ? url : null
  }
  const seconds = (PROBE_TIMEOUT_MS + BUSY_PROBE_TIMEOUT_MS) / 1000
  throw new LakeStateError(
    `the lake serving ${dir} at ${url} (its lake.json) took the connection but did not answer within ${seconds} s. ` +
      'If it is busy, run this again in a moment; if it hangs, stop it (Ctrl+C where npm run lake runs) and start it again',
  )
}

/** `up`: it answered the ping; `down`: nothing listens there, or something else does; `silent`: no answer in time. */
async function ping(url: string, timeoutMs: number): Promise<'up' | 'down' | 'silent'> {
  try {
    const response = await fetch(`${url}/v1/ping`, {signal: AbortSignal.timeout(timeoutMs)})
    await response.body?.cancel()
    return response.ok ? 'up' : 'down'
  } catch (error) {
    return error instanceof DOMException && error.name === 'TimeoutError' ? 'silent' : 'down'
  }
}

/**
 * A client of the local lake at `url`, sending through `send` (by default over HTTP with a
 * keep-alive agent; an embedded lake's handler is called in process).
 */
export function localClient(url: string, token: string, dataset: string, send: Send = overHttp()): SanityClient {
  return createClient({
    projectId: 'local',
    dataset,
    apiVersion: API_VERSION,
    useProjectHostname: false,
    apiHost: url,
    useCdn: false,
    token,
    requestHandler: requestHandlerFor(send),
  })
}
