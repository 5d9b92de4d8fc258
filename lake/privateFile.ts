/**
 * The lake's files are its owner's alone: a dataset holds drafts and history that only the token
 * may read, and another user of the machine could read a world-readable file straight from disk.
 * SQLite gives its -wal and -shm files the database file's permissions.
 */
import {chmodSync, existsSync, statSync, writeFileSync} from 'node:fs'

const OWNER_ONLY = 0o600

/**
 * Makes `file` readable and writable by its owner only: an empty one created so (SQLite takes an
 * empty file for a new database), an existing one, and its -wal and -shm files, narrowed.
 */
export function keepPrivate(file: string): void {
  try {
    writeFileSync(file, '', {mode: OWNER_ONLY, flag: 'wx'})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue
    try {
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, OWNER_ONLY)
    } catch {
      // Not ours to change (another owner): it stays as it is.
    }
  }
}
