/**
 * Issue 15, "go further": `npm run snapshot -- --git <repo>` replays the transaction log into
 * commits (author, time, message from the change summary); the last commit's tree is the
 * dataset's snapshot; a second run adds only the new transactions.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {SEED_NODE_FLAGS} from '../../scripts/lib/seedNodeFlags.ts'
import {replayIntoGit} from '../../scripts/lib/snapshot/gitReplay.ts'
import {runScript} from '../helpers/runScript.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const ID = 'article-ar-north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
let lake: TestLake
let work: string

function run(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return runScript(args, {LAKE_DIR: lake.dir})
}
const gitLog = (repo: string, format: string) => execFileSync('git', ['log', '--reverse', `--format=${format}`], {cwd: repo, encoding: 'utf8'}).split('\n').filter(Boolean)

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true})) {
    const path = join(entry.parentPath, entry.name)
    if (entry.isFile() && !relative(dir, path).startsWith('.git')) files[relative(dir, path)] = readFileSync(path, 'utf8')
  }
  return files
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'snapshot-git-'))
  lake = await startTestLake()
  expect((await run([...SEED_NODE_FLAGS, 'scripts/seed.ts'])).code).toBe(0)
  await lake.client().action({actionType: 'sanity.action.document.edit', publishedId: ID, draftId: `drafts.${ID}`, patch: {set: {title: 'عنوان جديد'}}})
}, 60_000)
afterAll(async () => {
  await lake?.close()
  rmSync(work, {recursive: true, force: true})
})

describe('npm run snapshot -- --git', () => {
  it('makes one commit per transaction with its author, time and change summary', async () => {
    const repo = join(work, 'repo')
    const result = await run(['scripts/snapshot.ts', '--git', repo])
    expect(result.stdout).toMatch(/: 2 new commit\(s\), 2 transaction\(s\) in the log\n$/)
    const log: string = await (await fetch(`${lake.url}/v2025-02-19/data/history/production/transactions`, {headers: {Authorization: `Bearer ${lake.token}`}})).text()
    const entries = log.split('\n').filter(Boolean).map((line) => JSON.parse(line))
    expect(gitLog(repo, '%an|%aI|%s|%(trailers:key=Lake-Transaction,valueonly)')).toEqual(
      entries.map((entry, i) => {
        const subject = i === 0 ? `${ID}: published (+4 more)` : `${ID} (draft): draft created; Title edited`
        return `${entry.author}|${entry.timestamp.slice(0, 19)}+00:00|${subject}|${entry.id}`
      }),
    )
    await run(['scripts/snapshot.ts', join(work, 'snapshot')])
    expect(tree(repo)).toEqual(tree(join(work, 'snapshot')))
  })

  it('adds only the transactions after the last one replayed', async () => {
    const repo = join(work, 'repo')
    await lake.client().action({actionType: 'sanity.action.document.publish', publishedId: ID, draftId: `drafts.${ID}`})
    const result = await run(['scripts/snapshot.ts', '--git', repo])
    expect(result.stdout).toMatch(/: 1 new commit\(s\), 3 transaction\(s\) in the log\n$/)
    expect(gitLog(repo, '%s').at(-1)).toBe(`${ID}: published from the draft; Title edited`)
    await run(['scripts/snapshot.ts', join(work, 'snapshot')])
    expect(tree(repo)).toEqual(tree(join(work, 'snapshot')))
  })

  it('refuses a repository whose last commit is no replay, and writes nothing into it', async () => {
    const mine = join(work, 'mine')
    mkdirSync(mine)
    writeFileSync(join(mine, 'notes.txt'), 'mine\n')
    const identity = ['-c', 'user.name=Ada', '-c', 'user.email=ada@example.com']
    execFileSync('git', ['init', '-q'], {cwd: mine})
    execFileSync('git', ['add', '.'], {cwd: mine})
    execFileSync('git', [...identity, 'commit', '-q', '-m', 'my notes'], {cwd: mine})
    const result = await run(['scripts/snapshot.ts', '--git', mine])
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `snapshot: ${mine} is a git repository whose last commit is no replay (it has no Lake-Transaction trailer): nothing was written; give --git a new folder, or one an earlier --git made\n`,
    })
    expect({log: gitLog(mine, '%s'), files: tree(mine)}).toEqual({log: ['my notes'], files: {'notes.txt': 'mine\n'}})
  })

  it('refuses an empty folder name, which would be the current directory', async () => {
    const result = await run(['scripts/snapshot.ts', '--git', ''])
    expect({code: result.code, first: result.stderr.split('\n')[0]}).toEqual({code: 2, first: 'snapshot: --git takes a repository folder and nothing else'})
  })

  it('reads the log page by page: a log of more pages than one is replayed whole', async () => {
    const paged = join(work, 'paged')
    expect(await replayIntoGit(lake.client(), paged, 1)).toEqual({commits: 3, transactions: 3})
    expect(tree(paged)).toEqual(tree(join(work, 'repo')))
  })
})
