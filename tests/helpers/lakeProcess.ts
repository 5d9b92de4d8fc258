/**
 * A lake in a child process (tests/helpers/lakeChild.ts), for tests that must see whether the
 * lake survives a request: `exited` tells whether and how the process ended.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const NODE = join(process.cwd(), 'node_modules/.bin/node')
const CHILD = join(process.cwd(), 'tests/helpers/lakeChild.ts')

export interface LakeProcess {
  url: string
  token: string
  /** null while the process runs, else its exit code (or signal) and what it printed on stderr. */
  exited(): {code: number | null; signal: string | null; stderr: string} | null
  close(): Promise<void>
}

/** Starts the child lake in a new temp dir and resolves once it listens. */
export function startLakeProcess(options: {queryTimeoutMs?: number} = {}): Promise<LakeProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'lake-process-'))
  const args = [CHILD, dir, ...(options.queryTimeoutMs ? [String(options.queryTimeoutMs)] : [])]
  const child: ChildProcess = spawn(NODE, args, {stdio: ['ignore', 'pipe', 'pipe']})
  let stderr = ''
  let exit: {code: number | null; signal: string | null} | null = null
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.on('exit', (code, signal) => (exit = {code, signal}))
  return new Promise((resolve, reject) => {
    let stdout = ''
    child.once('exit', () => reject(new Error(`the lake exited before listening: ${stderr}`)))
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (!stdout.includes('\n')) return
      const {url, token} = JSON.parse(stdout.split('\n')[0] ?? '') as {url: string; token: string}
      resolve({
        url,
        token,
        exited: () => (exit ? {...exit, stderr} : null),
        close: () =>
          new Promise<void>((done) => {
            const finish = () => {
              rmSync(dir, {recursive: true, force: true})
              done()
            }
            if (exit) return finish()
            child.once('exit', finish)
            child.kill('SIGTERM')
          }),
      })
    })
  })
}
