/**
 * Runs the project's own Sanity CLI (`node_modules/@sanity/cli`) on the Node that runs the caller,
 * which is Node 24 from the `node` devDependency (Sanity 6 needs Node 22+), with telemetry off.
 */
import {execFile} from 'node:child_process'
import {dirname, join} from 'node:path'

/** Build logs and `schema validate --format json` reports stay well under this. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024

export interface SanityCliOptions {
  /** The repository root, where `node_modules/` is. */
  root: string
  /** The project the command runs in (its `sanity.cli.ts` applies); `root` when missing. */
  cwd?: string
  /** Extra environment, on top of this process's. */
  env?: Record<string, string>
}

export interface SanityCliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `sanity <args>` and resolves with its exit code and output; never rejects on a non-zero exit. */
export function runSanityCli(args: string[], options: SanityCliOptions): Promise<SanityCliResult> {
  const bin = join(options.root, 'node_modules', '.bin')
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(options.root, 'node_modules/@sanity/cli/bin/run.js'), ...args],
      {
        cwd: options.cwd ?? options.root,
        maxBuffer: MAX_OUTPUT_BYTES,
        env: {
          ...process.env,
          ...options.env,
          SANITY_TELEMETRY_DISABLED: '1',
          // Child processes the CLI starts (`node`, `sanity`) resolve to the same Node and CLI.
          PATH: `${dirname(process.execPath)}:${bin}:${process.env.PATH ?? ''}`,
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        done({code, stdout, stderr})
      },
    )
  })
}
