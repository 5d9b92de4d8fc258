/**
 * The local lake as one web-standard handler (lake/localLake.ts) in a fresh temp dir for each
 * test of the file that calls it: opened before each test, closed and removed after it. What it
 * logs is kept for the test to read.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach} from 'vitest'
import {openLocalLake, type LocalLakeHandler} from '../../lake/localLake.ts'

export interface TempLocalLake {
  /** The current test's data directory. */
  readonly dir: string
  /** The current test's lake. */
  readonly lake: LocalLakeHandler
  /** What the current test's lake logged, in order. */
  readonly logs: string[]
}

/** Registers the per-test lake; `prefix` names its temp dirs, `token` is its dev token. */
export function tempLocalLake(prefix: string, token: string): TempLocalLake {
  let dir = ''
  let lake: LocalLakeHandler | null = null
  let logs: string[] = []
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix))
    logs = []
    lake = openLocalLake({dir, token, log: (line) => logs.push(line)})
  })
  afterEach(async () => {
    await lake?.close()
    lake = null
    rmSync(dir, {recursive: true, force: true})
  })
  return {
    get dir() {
      return dir
    },
    get lake() {
      if (!lake) throw new Error('tempLocalLake: the lake is open only during a test')
      return lake
    },
    get logs() {
      return logs
    },
  }
}
