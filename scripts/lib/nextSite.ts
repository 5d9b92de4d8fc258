/**
 * The reader site, built and served for tests and benchmarks: `next build` of web/ against a lake
 * (offline, into a build folder of its own), then `next start` on a free port. Always
 * `await site.close()`.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process'
import {rmSync} from 'node:fs'
import {createServer} from 'node:net'
import {resolve} from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')
const NEXT = resolve(ROOT, 'node_modules/.bin/next')

export interface RunningSite {
  url: string
  /** How long `next build` took, in ms. */
  buildMs: number
  close(): Promise<void>
}

/**
 * Runs a command to completion without blocking this process's event loop (a lake served from
 * this process must keep answering it).
 * @throws Error with the command's output when it fails.
 */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeout: number): Promise<string> {
  return new Promise((done, fail) => {
    execFile(command, args, {cwd: ROOT, env, timeout, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
      if (error) fail(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`))
      else done(stdout)
    })
  })
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  await new Promise<void>((done) => server.close(() => done()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

export interface SiteOptions {
  /** The port to serve on (default: a free one). */
  port?: number
  /** More environment for the build and the server, e.g. NEXT_PUBLIC_SANITY_STUDIO_URL. */
  env?: Record<string, string>
}

/**
 * Builds and starts the site reading the lake whose data dir is `lakeDir`, in build folder
 * `web/<distDir>` (one fixed name per caller: Next lists each build folder in web/tsconfig.json).
 */
export async function startSite(lakeDir: string, distDir: string, options: SiteOptions = {}): Promise<RunningSite> {
  const port = options.port ?? (await freePort())
  const url = `http://localhost:${port}`
  const env = {
    ...process.env,
    ...options.env,
    LAKE_DIR: lakeDir,
    NEXT_PUBLIC_SITE_URL: url,
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: '1',
  }
  const started = performance.now()
  // Asynchronously: the lake may live in this process, and the build queries it.
  await run(NEXT, ['build', 'web'], env, 280_000).catch((error: unknown) => {
    rmSync(resolve(ROOT, 'web', distDir), {recursive: true, force: true})
    throw error
  })
  const buildMs = Math.round(performance.now() - started)
  const server: ChildProcess = spawn(NEXT, ['start', 'web', '-p', String(port), '-H', '127.0.0.1'], {cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe']})
  let output = ''
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise<void>((ready, fail) => {
    server.stdout?.on('data', () => output.includes('Ready') && ready())
    server.on('exit', (code) => fail(new Error(`next start exited (${code}):\n${output}`)))
  })
  return {
    url,
    buildMs,
    async close() {
      if (server.exitCode === null) {
        const exited = new Promise((done) => server.on('exit', done))
        server.kill('SIGTERM')
        await exited
      }
      rmSync(resolve(ROOT, 'web', distDir), {recursive: true, force: true})
    },
  }
}
