import {execFile} from 'node:child_process'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root, where sanity.config.ts and sanity.cli.ts live. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

const CLI = join(ROOT, 'node_modules/@sanity/cli/bin/run.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs the project's Sanity CLI with this Node (24), telemetry off; never rejects on a non-zero exit. */
export function runSanity(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          ...env,
          SANITY_TELEMETRY_DISABLED: '1',
          PATH: `${dirname(process.execPath)}:${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        done({code, stdout, stderr})
      },
    )
  })
}
