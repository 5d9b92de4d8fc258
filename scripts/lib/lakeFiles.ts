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

/** The URL the lake serving `dir` recorded when it started, or null; it may have stopped since (see findRunningLake). */
export function recordedLakeUrl(dir: string): string | null {
  const file = join(dir, 'lake.json')
  if (!existsSync(file)) return null
  try {
    const url: unknown = (JSON.parse(readFileSync(file, 'utf8')) as {url?: unknown}).url
    return typeof url === 'string' ? url : null
  } catch {
    return null
  }
}

/** Whether `dir` holds a lake: a dataset file (`<name>.sqlite`) at least; false for a folder that is missing or unreadable. */
export function holdsLake(dir: string): boolean {
  try {
    return readdirSync(dir).some((name) => name.endsWith('.sqlite'))
  } catch {
    return false
  }
}
