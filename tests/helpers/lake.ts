/**
 * A lake for tests: a fresh temp data dir, served on a free port, with ready clients.
 * Always `await lake.close()` (e.g. in `afterEach`/`afterAll`): it ends open streams and
 * deletes the temp dir.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createClient, type ClientConfig, type SanityClient} from '@sanity/client'
import {startLake, type RunningLake, type StartLakeOptions} from '../../lake/serve.ts'

export interface TestLake {
  url: string
  token: string
  dir: string
  running: RunningLake
  /** A client for dataset `production` with the dev token (override anything, e.g. `{token: undefined}`). */
  client(options?: Partial<ClientConfig>): SanityClient
  close(): Promise<void>
}

/** Starts a lake in a new temp dir on port 0. */
export async function startTestLake(options: Partial<StartLakeOptions> = {}): Promise<TestLake> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'lake-test-'))
  const running = await startLake({port: 0, ...options, dir})
  return {
    url: running.url,
    token: running.token,
    dir,
    running,
    client: (overrides = {}) =>
      createClient({
        projectId: 'local',
        dataset: 'production',
        apiVersion: '2025-02-19',
        useProjectHostname: false,
        apiHost: running.url,
        useCdn: false,
        token: running.token,
        ...overrides,
      }),
    async close() {
      await running.close()
      if (!options.dir) rmSync(dir, {recursive: true, force: true})
    },
  }
}
