/**
 * Runs one of the repository's scripts as a user would (Node, from the repository root) with a
 * bare environment, PATH and HOME, plus `env`: what a test of a command-line tool sees.
 */
import {execFile} from 'node:child_process'
import {join} from 'node:path'

const ROOT = join(import.meta.dirname, '../..')

export interface ScriptRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * `node <args…>` in the repository root; `code` is the exit code (1 when it was killed, e.g. after
 * `timeout` ms: for a script that would otherwise serve until stopped).
 */
export function runScript(args: string[], env: Record<string, string>, timeout = 0): Promise<ScriptRun> {
  return new Promise((done) => {
    const base = {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ''}
    execFile(process.execPath, args, {cwd: ROOT, env: {...base, ...env}, timeout}, (error, stdout, stderr) => {
      done({code: error ? Number(error.code ?? 1) : 0, stdout, stderr})
    })
  })
}
