/**
 * `npm run snapshot -- …`: the target's dataset as a git-friendly tree of files (one document per
 * file, stable key order: `scripts/lib/snapshot/format.ts`), compared or restored. The target is
 * the one `scripts/lib/target.ts` picks (hosted project, running local lake, or an embedded one).
 */

import {replayIntoGit} from './lib/snapshot/gitReplay.ts'
import {diffSnapshots, PartialRestoreError, readSnapshot, restoreSnapshot, writeSnapshot} from './lib/snapshot/snapshot.ts'
import {failureMessage} from './lib/failure.ts'
import {checkTargetOf, openTarget, type TargetOptions} from './lib/target.ts'
import {parseCommandLine} from './lib/commandLine.ts'

const USAGE = `Usage:
  npm run snapshot -- <dir>                  write the dataset (drafts, versions, releases included) into <dir>
  npm run snapshot -- diff <a> <b>           documents added, removed and changed (field by field) from <a> to <b>
  npm run snapshot -- restore <dir> [--force]  load <dir> into the dataset; it must be empty unless --force
                                             (--force replaces documents with the same ids and keeps the others)
  npm run snapshot -- --git <repo>           replay the transaction log into git: one commit per transaction, with its
                                             author, time and change summary (local lake; run again to add new ones)
Options: --dataset <name>  --color | --no-color  -h, --help`

function usage(code: number, problem?: string): never {
  if (problem) console.error(`snapshot: ${problem}`)
  ;(code === 0 ? console.log : console.error)(USAGE)
  process.exit(code)
}

/** A snapshot folder that cannot be read: its message names the file, exit 1. */
function fail(error: unknown): never {
  console.error(`snapshot: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

const {values, positionals} = parseCommandLine(USAGE, {
  allowPositionals: true,
  allowNegative: true,
  options: {
    dataset: {type: 'string'},
    git: {type: 'string'},
    force: {type: 'boolean', default: false},
    color: {type: 'boolean'},
  },
})
const [first, ...rest] = positionals
const style = {color: values.color ?? process.stdout.isTTY === true}

if (values.git !== undefined) {
  if (!values.git || positionals.length > 0 || values.force) usage(2, '--git takes a repository folder and nothing else')
  const target = await openTarget('snapshot', process.env, {dataset: values.dataset, needsToken: 'read'})
  try {
    const {commits, transactions} = await replayIntoGit(target.client, values.git)
    console.log(`Replayed ${target.description} into ${values.git}: ${commits} new commit(s), ${transactions} transaction(s) in the log`)
  } catch (error) {
    console.error(`snapshot: ${failureMessage(error, target)}`)
    process.exitCode = 1
  } finally {
    await target.close()
  }
} else if (first === 'diff') {
  const [a, b] = rest
  if (!a || !b || rest.length !== 2) usage(2, 'diff needs two snapshot folders')
  // It reads two folders only: a --dataset would look like comparing a dataset, and was ignored.
  if (values.dataset !== undefined || values.force) usage(2, 'diff compares two snapshot folders: --dataset and --force do not apply (snapshot the dataset first)')
  try {
    for (const line of await diffSnapshots(a, b, style)) console.log(line)
  } catch (error) {
    fail(error)
  }
} else {
  const restoring = first === 'restore'
  const dir = restoring ? rest[0] : first
  if (!dir || rest.length !== (restoring ? 1 : 0)) usage(2, 'name one snapshot folder')
  if (values.force && !restoring) usage(2, '--force only applies to restore')
  const targetOptions: TargetOptions = {dataset: values.dataset, needsToken: restoring ? 'write' : 'read', createDataset: restoring}
  checkTargetOf('snapshot', process.env, targetOptions)
  // Read whole before the target opens (and makes the dataset): a damaged snapshot writes nothing.
  const docs = restoring ? await readSnapshot(dir).catch(fail) : []
  const target = await openTarget('snapshot', process.env, targetOptions)
  try {
    if (restoring) {
      const {documents, transactions} = await restoreSnapshot(target.client, docs, values.force)
      console.log(`Restored ${documents} document(s) from ${dir} into ${target.description} in ${transactions} transaction(s)`)
    } else {
      const {documents, written, removed} = await writeSnapshot(target.client, dir)
      console.log(`Snapshot of ${target.description} in ${dir}: ${documents} document(s), ${written} file(s) written, ${removed} removed`)
    }
  } catch (error) {
    if (error instanceof PartialRestoreError) console.error(`snapshot: ${failureMessage(error.cause, target)}\nsnapshot: ${error.message}`)
    else console.error(`snapshot: ${failureMessage(error, target)}`)
    process.exitCode = 1
  } finally {
    await target.close()
  }
}
