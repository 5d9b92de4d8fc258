/**
 * The store (lake/store.ts) in a fresh temp dir for each test of the file that calls it: opened
 * before each test, closed and removed after it.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach} from 'vitest'
import {openLake, type LocalLake} from '../../lake/store.ts'

export interface TempStore {
  /** The current test's data directory. */
  readonly dir: string
  /** The current test's store. */
  readonly lake: LocalLake
  /** Closes the store (if still open) and opens it again on the same directory. */
  reopen(): LocalLake
}

/** Registers the per-test store; `prefix` names its temp dirs. */
export function tempStore(prefix: string): TempStore {
  let dir = ''
  let lake: LocalLake | null = null
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix))
    lake = openLake({dir})
  })
  afterEach(() => {
    lake?.close()
    lake = null
    rmSync(dir, {recursive: true, force: true})
  })
  const current = (): LocalLake => {
    if (!lake) throw new Error('tempStore: the store is open only during a test')
    return lake
  }
  return {
    get dir() {
      return dir
    },
    get lake() {
      return current()
    },
    reopen() {
      current().close()
      lake = openLake({dir})
      return lake
    },
  }
}
