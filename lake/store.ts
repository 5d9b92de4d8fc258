/**
 * The local Content Lake's storage: one SQLite file per dataset under a data directory.
 * Datasets are created on first write (`lake.dataset(name, {create: true})`).
 */
import {existsSync, mkdirSync, readdirSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {LakeError} from './errors.ts'
import {openDatabase} from './store/openDatabase.ts'
import {SqliteDataset} from './store/dataset.ts'
import {queryIds} from './queryIds.ts'
import type {Lake} from './types.ts'

/** Sanity's dataset naming rule: lowercase letters, digits, `_` and `-`, at most 64 characters. */
const DATASET_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/
const FILE_SUFFIX = '.sqlite'

/** The lake as openLake makes it: its datasets are SQLite ones (tests reach their connection). */
export interface LocalLake extends Lake {
  dataset(name: string, options?: {create?: boolean}): SqliteDataset | null
}

/**
 * Checks a dataset name against Sanity's rules (which also rule out path tricks).
 * @throws LakeError 400 when the name is invalid.
 */
export function assertDatasetName(name: string): void {
  if (!DATASET_NAME.test(name)) {
    throw new LakeError(
      400,
      `Invalid dataset name "${name}": use 1-64 lowercase letters, digits, "_" or "-", starting with a letter or digit`,
    )
  }
}

/**
 * Opens the lake stored in `dir` (created when missing). Here the store meets the query layer:
 * mutations by query (`delete`/`patch` with a query) resolve through queryIds.ts.
 */
export function openLake(options: {dir: string}): LocalLake {
  const dir = options.dir
  // A folder made here is its owner's alone (the token, the datasets); one that exists keeps its mode.
  mkdirSync(dir, {recursive: true, mode: 0o700})
  const open = new Map<string, SqliteDataset>()
  const watchers = new Set<(dataset: SqliteDataset) => void>()
  return {
    dir,
    dataset(name, {create = false} = {}) {
      assertDatasetName(name)
      const cached = open.get(name)
      if (cached) return cached
      const file = join(dir, name + FILE_SUFFIX)
      if (!create && !existsSync(file)) return null
      const dataset = new SqliteDataset(name, openDatabase(file), queryIds)
      open.set(name, dataset)
      for (const watcher of watchers) watcher(dataset)
      return dataset
    },
    watchDatasets(opened) {
      for (const name of this.datasets()) {
        const dataset = this.dataset(name)
        if (dataset) opened(dataset)
      }
      watchers.add(opened)
      return () => void watchers.delete(opened)
    },
    datasets() {
      return readdirSync(dir)
        .filter((file) => file.endsWith(FILE_SUFFIX))
        .map((file) => file.slice(0, -FILE_SUFFIX.length))
        .filter((name) => DATASET_NAME.test(name))
        .sort()
    },
    deleteDataset(name) {
      assertDatasetName(name)
      const file = join(dir, name + FILE_SUFFIX)
      open.get(name)?.close()
      open.delete(name)
      if (!existsSync(file)) return false
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, {force: true})
      return true
    },
    close() {
      for (const dataset of open.values()) dataset.close()
      open.clear()
    },
  }
}
