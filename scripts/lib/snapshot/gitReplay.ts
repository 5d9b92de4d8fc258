/**
 * `npm run snapshot -- --git <repo>`: the dataset's transaction log (the local lake's
 * `data/history/:dataset/transactions`) replayed into git, one commit per transaction, in the
 * snapshot layout (`format.ts`): author and time of the transaction, message from the change
 * summary (`commitMessage.ts`). Run again, it adds the transactions after the last one replayed
 * (named by each commit's `Lake-Transaction` trailer).
 */
import {execFile} from 'node:child_process'
import {mkdir, rm, stat, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import {applyPatch} from 'mendoza'
import {getText} from '../history/fetchHistory.ts'
import type {DocumentChange} from '../history/revisions.ts'
import {isObject, type Json} from '../history/text.ts'
import {TRAILER, commitMessage} from './commitMessage.ts'
import {DOCUMENTS_DIR, MANIFEST, MANIFEST_FILE, documentFile, fileNames} from './format.ts'

interface LogLine {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects: Record<string, {apply: unknown[]}>
}

function git(repo: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, {cwd: repo, env: {...process.env, ...env}, maxBuffer: 64 * 1024 * 1024}, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args[0]} failed: ${stderr.trim() || error.message}`))
      else resolve(stdout)
    })
  })
}

/** Log entries asked for per request (the lake answers in pages: lake/routes/transactionLog.ts). */
const PAGE = 1000

/** The whole transaction log, page after page, oldest first. */
async function readLog(client: SanityClient, page: number): Promise<LogLine[]> {
  const {dataset} = client.config()
  const entries: LogLine[] = []
  for (;;) {
    const after = entries.at(-1)?.id
    const query = `limit=${page}${after ? `&fromTransaction=${encodeURIComponent(after)}` : ''}`
    const text = await getText(client, `/data/history/${dataset}/transactions`, query)
    const lines: LogLine[] = text.split('\n').filter(Boolean).map((line) => JSON.parse(line))
    entries.push(...lines)
    if (lines.length < page) return entries
  }
}

/**
 * Replays the log into `repo` (made with `git init` when it is no repository); the number of new
 * commits. `page` is the number of log entries asked for per request.
 * @throws Error when `repo` is a repository with commits whose last one is no replay's (someone's
 *   project: a replay would commit documents/ into it), or was replayed from another dataset.
 */
export async function replayIntoGit(client: SanityClient, repo: string, page = PAGE): Promise<{commits: number; transactions: number}> {
  const isRepository = await stat(join(repo, '.git')).then(() => true, () => false)
  const hasHead = isRepository && (await git(repo, ['rev-parse', '--verify', '-q', 'HEAD']).then(() => true, () => false))
  const last = hasHead ? (await git(repo, ['log', '-1', `--format=%(trailers:key=${TRAILER},valueonly)`])).trim() : ''
  if (hasHead && !last) {
    throw new Error(`${repo} is a git repository whose last commit is no replay (it has no ${TRAILER} trailer): nothing was written; give --git a new folder, or one an earlier --git made`)
  }
  await mkdir(join(repo, DOCUMENTS_DIR), {recursive: true})
  if (!isRepository) await git(repo, ['init', '-q'])
  const entries = await readLog(client, page)
  if (last && !entries.some((entry) => entry.id === last)) throw new Error(`${repo} was replayed from another dataset: its last transaction ${last} is not in this log`)
  const states = new Map<string, Json | null>()
  let replaying = last === ''
  let commits = 0
  for (const entry of entries) {
    const changes: DocumentChange[] = entry.documentIDs.map((id) => {
      const before = states.get(id) ?? null
      const patched: unknown = applyPatch(before, entry.effects[id]?.apply ?? [0, before])
      return {id, before, after: isObject(patched) ? patched : null}
    })
    const publishedBefore = (family: string) => states.get(family) ?? null
    if (replaying) {
      await writeChanges(repo, changes)
      const message = commitMessage(entry.id, changes, publishedBefore)
      const who = {name: entry.author, email: `${entry.author}@lake.local`, date: entry.timestamp}
      await git(repo, ['add', '-A', '--', DOCUMENTS_DIR, MANIFEST_FILE])
      await git(repo, ['commit', '-q', '--allow-empty', '--no-verify', ...message.flatMap((paragraph) => ['-m', paragraph])], {
        GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_AUTHOR_DATE: who.date,
        GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email, GIT_COMMITTER_DATE: who.date,
      })
      commits++
    }
    for (const change of changes) states.set(change.id, change.after)
    if (entry.id === last) replaying = true
  }
  return {commits, transactions: entries.length}
}

async function writeChanges(repo: string, changes: DocumentChange[]): Promise<void> {
  await writeFile(join(repo, MANIFEST_FILE), MANIFEST)
  const names = fileNames(changes.map((change) => change.id))
  for (const change of changes) {
    const file = join(repo, DOCUMENTS_DIR, names.get(change.id) ?? '')
    if (change.after) await writeFile(file, documentFile(change.after))
    else await rm(file, {force: true})
  }
}
