/**
 * What SQLite does on disk, read from the outside: commits in a WAL file, and the temporary files
 * (statement and savepoint journals spilled to disk) the test process holds open.
 */
import {readdirSync, readFileSync, readlinkSync} from 'node:fs'

const WAL_HEADER_BYTES = 32
const FRAME_HEADER_BYTES = 24

/**
 * Commits recorded in a WAL file (https://sqlite.org/fileformat.html#the_write_ahead_log): frames
 * whose "database size after commit" is set, counted while their salts match the header's (later
 * frames are left over from before the WAL was restarted).
 */
export function walCommits(walFile: string): number {
  const wal = readFileSync(walFile)
  if (wal.length < WAL_HEADER_BYTES) return 0
  const pageSize = wal.readUInt32BE(8)
  const salts = wal.subarray(16, 24)
  let commits = 0
  for (let at = WAL_HEADER_BYTES; at + FRAME_HEADER_BYTES + pageSize <= wal.length; at += FRAME_HEADER_BYTES + pageSize) {
    if (!wal.subarray(at + 8, at + 16).equals(salts)) break
    if (wal.readUInt32BE(at + 4) !== 0) commits++
  }
  return commits
}

/**
 * The temporary files SQLite holds open in this process (Linux: `/proc/self/fd`). SQLite names them
 * `etilqs_…` and unlinks them as it opens them.
 */
export function openSqliteTempFiles(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`)
      return target.includes('/etilqs_') ? [target] : []
    } catch {
      return [] // the descriptor readdir itself used, closed by now
    }
  })
}
