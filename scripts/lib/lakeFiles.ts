/**
 * The files through which a local lake is found: its data directory, the token it keeps there,
 * and the URL a running lake records in `lake.json` (lake/serve.ts writes it). File reads only,
 * no client and no lake code, so the reader site's next.config.ts finds the lake as the scripts do.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

/** The lake's data directory: `LAKE_DIR` (relative to the current directory), else `.lake` in the repository. */
export function lakeDir(env: Record<string, string | undefined>): string {
  return env.LAKE_DIR ? resolve(env.LAKE_DIR) : join(ROOT, '.lake')
}

/** The token of the lake in `dir`: `LAKE_TOKEN`, else the one the lake wrote to `<dir>/token`, else null. */
export function lakeToken(dir: string, env: Record<string, string | undefined>): string | null {
  if (env.LAKE_TOKEN) return env.LAKE_TOKEN
  const file = join(dir, 'token')
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}

/**
 * Whether a lake serves a folder cannot be told: the scripts stop there, since going on as if none
 * did would open its files beside a lake that may be serving them. The message says what to do.
 */
export class LakeStateError extends Error {}

/**
 * `lake.json` that is there but not what lake/serve.ts writes (truncated, hand-edited): the message
 * names the file and what to do.
 */
export class LakeFileError extends LakeStateError {
  readonly file: string
  constructor(file: string, dir: string, problem: string) {
    super(
      `${file} is damaged (${problem}): it should say where the lake serving ${dir} listens. ` +
        `If a lake serves ${dir}, stop it and start it again (npm run lake), which rewrites the file; if none does, delete ${file}`,
    )
    this.file = file
  }
}

/**
 * The URL the lake serving `dir` recorded when it started, or null when it recorded none; it may
 * have stopped since (see findRunningLake).
 * @throws LakeFileError when `lake.json` is there but holds no http(s) `url`.
 */
export function recordedLakeUrl(dir: string): string | null {
  const file = join(dir, 'lake.json')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    // No file, or no folder to hold one (LAKE_DIR names a file: opening the lake says so).
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return null
    throw new LakeFileError(file, dir, `unreadable: ${error instanceof Error ? error.message : String(error)}`)
  }
  let record: unknown
  try {
    record = JSON.parse(text)
  } catch (error) {
    throw new LakeFileError(file, dir, `not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const url = typeof record === 'object' && record !== null && 'url' in record ? record.url : undefined
  if (typeof url !== 'string') throw new LakeFileError(file, dir, `no "url" string`)
  if (!URL.canParse(url) || !['http:', 'https:'].includes(new URL(url).protocol)) {
    throw new LakeFileError(file, dir, `"url" ${JSON.stringify(url)} is not an http URL`)
  }
  return url
}

/** Whether `dir` holds a lake: a dataset file (`<name>.sqlite`) at least; false for a folder that is missing or unreadable. */
export function holdsLake(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith('.sqlite'))
  } catch {
    return false
  }
}
