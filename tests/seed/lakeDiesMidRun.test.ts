/**
 * The seed when the lake dies mid-run (issue 11, item 9): no uncaught error; a transaction sent
 * whose answer never came is reported as unknown, or settled by asking the lake afterwards; what
 * the seed says was (not) written matches the dataset; a re-run repairs everything.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server} from 'node:http'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {afterEach, describe, expect, it} from 'vitest'

import {writeArticleFiles} from '../../scripts/benchSeed.ts'
import {overHttp, requestHandlerFor} from '../../scripts/lib/clientTransport.ts'
import {SEED_NODE_FLAGS} from '../../scripts/lib/seedNodeFlags.ts'
import {localClient} from '../../scripts/lib/target.ts'
import {formatSummary} from '../../seed/import/formatSummary.ts'
import {importArticles, type ImportResult} from '../../seed/import/importArticles.ts'
import {listArticleFiles} from '../../seed/import/readArticleFiles.ts'
import {startTestLake} from '../helpers/lake.ts'

const NODE = join(process.cwd(), 'node_modules/.bin/node')
const TOKEN = 'seed-dies-token'
const NOW = () => '2026-01-01T00:00:00.000Z'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function articleFiles(count: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'seed-dies-'))
  cleanups.push(() => rmSync(dir, {recursive: true, force: true}))
  writeArticleFiles(dir, count)
  return listArticleFiles([dir])
}

type MutateAnswer = 'answer' | 'drop' | 'commit and drop'

/**
 * A stand-in for the lake: answers queries (no documents, except the `_rev` of transactions it
 * "committed"), and answers or drops each mutate request after reading it, as `onMutate` says.
 */
async function fakeLake(onMutate: (index: number) => MutateAnswer, onQuery: (index: number, ids: string[]) => 'answer' | 'hold' = () => 'answer') {
  const mutated = new Set<string>()
  const revisions = new Map<string, string>()
  let mutates = 0
  let queries = 0
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://lake')
    // How the seed finds a running lake.
    if (url.pathname === '/v1/ping') return void res.end('{}')
    // The seed makes its dataset on a local lake before it reads.
    if (req.method === 'PUT' && url.pathname.includes('/datasets/')) return void res.end('{"datasetName":"production","aclMode":"public"}')
    const body = await readJson(req)
    if (url.pathname.includes('/data/mutate/')) {
      const transactionId = String(fields(body).transactionId)
      const mutations = fields(body).mutations
      const ids = (Array.isArray(mutations) ? mutations : []).map((mutation) => {
        const target = fields(Object.values(fields(mutation))[0])
        return String(target._id ?? target.id)
      })
      const answer = onMutate(mutates++)
      for (const id of ids) mutated.add(id)
      if (answer === 'answer') return void res.end(JSON.stringify({transactionId, results: []}))
      if (answer === 'commit and drop') for (const id of ids) revisions.set(id, transactionId)
      return void req.socket.destroy()
    }
    const query = String(fields(body).query ?? url.searchParams.get('query'))
    const given = fields(body).params === undefined ? JSON.parse(url.searchParams.get('$ids') ?? '[]') : fields(fields(body).params).ids
    const ids: string[] = Array.isArray(given) ? given.map(String) : []
    if (onQuery(queries++, ids) === 'hold') return
    const result = query.includes('{_id, _rev}') ? ids.filter((id) => revisions.has(id)).map((id) => ({_id: id, _rev: revisions.get(id)})) : []
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify({result, ms: 0}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const stop = () => {
    server.close()
    server.closeAllConnections()
  }
  cleanups.push(stop)
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {url: `http://127.0.0.1:${port}`, mutated, stop}
}

/** The fields of a JSON object (none for anything else). */
function fields(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {}
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) if (Buffer.isBuffer(chunk)) chunks.push(chunk)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? null : JSON.parse(text)
}

const articleIdOf = (article: {slug: string; language: string}) => `article-${article.language}-${article.slug}`

/** The error messages by kind, each with its file. */
function errorsByKind(result: ImportResult) {
  const kinds: Record<'unknown' | 'checkedNotWritten' | 'nothingWritten' | 'stopped' | 'other', string[]> = {
    unknown: [],
    checkedNotWritten: [],
    nothingWritten: [],
    stopped: [],
    other: [],
  }
  for (const error of result.errors) {
    if (error.reason.includes('whether it was written is unknown')) kinds.unknown.push(error.file)
    else if (error.reason.includes('the lake has not written it (checked)')) kinds.checkedNotWritten.push(error.file)
    else if (error.reason.includes('nothing of this article was written')) kinds.nothingWritten.push(error.file)
    else if (error.reason.startsWith('the import stopped before this file')) kinds.stopped.push(error.file)
    else kinds.other.push(error.message)
  }
  return kinds
}

describe('the seed when the connection to the lake is lost', () => {
  it('asks the lake afterwards about transactions it sent but got no answer for', async () => {
    const files = await articleFiles(10)
    const lake = await fakeLake((index) => (index < 2 ? 'answer' : index === 2 ? 'commit and drop' : 'drop'))
    const result = await importArticles(localClient(lake.url, TOKEN, 'production'), files, {now: NOW, articlesPerTransaction: 1})
    // Two answered, one found committed when asked.
    expect(result.counts.transactions).toBe(3)
    expect(result.counts.unknownArticles).toBe(0)
    const kinds = errorsByKind(result)
    expect(kinds.checkedNotWritten).toHaveLength(7)
    expect(kinds).toMatchObject({unknown: [], nothingWritten: [], stopped: [], other: []})
    const [first] = result.errors
    expect(first?.reason).toMatch(
      /^the connection to the lake was lost after the transaction for article-(ar|en)-bench-article-\d was sent \(ECONNRESET: socket hang up\); the lake has not written it \(checked\): run the seed again$/,
    )
  })

  it('asks the same of a transaction of several articles: each of its articles is written, or none', async () => {
    // 25 articles: transactions of 10, 10 and 5 (counted in articles, not in characters).
    const files = await articleFiles(25)
    const lake = await fakeLake((index) => (index === 0 ? 'answer' : index === 1 ? 'commit and drop' : 'drop'))
    const result = await importArticles(localClient(lake.url, TOKEN, 'production'), files, {now: NOW, transactionChars: Infinity})
    expect(result.counts.transactions).toBe(2)
    expect(result.counts.unknownArticles).toBe(0)
    const kinds = errorsByKind(result)
    expect(kinds).toMatchObject({unknown: [], nothingWritten: [], stopped: [], other: []})
    expect(kinds.checkedNotWritten).toEqual(files.slice(20))
  })

  it('reports sent transactions as unknown when the lake is gone, and stops without an uncaught error', async () => {
    const files = await articleFiles(150)
    // The publishers and the first batch's documents are answered; the second batch's read (articles
    // 100 to 149) waits and fails with the lake, which stops as it reads the first transaction.
    const lake = await fakeLake(
      (index) => {
        if (index === 0) setImmediate(() => lake.stop())
        return 'drop'
      },
      (_, ids) => (ids.some((id) => /-bench-article-1\d\d$/.test(id)) ? 'hold' : 'answer'),
    )
    const result = await importArticles(localClient(lake.url, TOKEN, 'production'), files, {now: NOW})
    const kinds = errorsByKind(result)
    expect(kinds.other).toEqual([])
    expect(kinds.stopped).toEqual([files[100]])
    expect(result.errors.find((error) => error.file === files[100])?.reason).toMatch(
      /^the import stopped before this file \(.+\); it and the 49 files after it were not imported: run the seed again$/,
    )
    // Every transaction the lake read is unknown to the seed, never "nothing written".
    const byArticle = new Map(result.articles.map((article, i) => [articleIdOf(article), files[i]]))
    const read = [...lake.mutated].flatMap((id) => byArticle.get(id) ?? [])
    expect(read.length).toBeGreaterThan(0)
    for (const file of read) expect(kinds.unknown).toContain(file)
    expect(result.counts.unknownArticles).toBe(kinds.unknown.length)
    expect(kinds.unknown.length + kinds.nothingWritten.length).toBe(100)
    expect(formatSummary(result.counts, {files: 150, warnings: 0, errors: result.errors.length, ms: 1000, mode: 'import'}).at(-1)).toBe(
      `  unknown    ${kinds.unknown.length} articles were sent but never answered (did the lake stop?): ` +
        'run the seed again once the lake runs; it writes what is missing and leaves what is there',
    )
  })
})

/** `npm run lake` in a child process, on a free port; resolves its URL. */
async function lakeProcess(dir: string): Promise<{url: string; child: ChildProcess}> {
  const child = spawn(NODE, ['scripts/lake.ts', '--port', '0', '--dir', dir], {env: {...process.env, LAKE_TOKEN: TOKEN}, stdio: ['ignore', 'pipe', 'pipe']})
  cleanups.push(() => child.kill('SIGKILL'))
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const found = /running at (http:\/\/\S+)/.exec(output)?.[1]
      if (found) resolve(found)
    })
    child.on('exit', (code) => reject(new Error(`the lake exited with ${code}: ${output}`)))
  })
  return {url, child}
}

describe('the seed when the lake process is killed mid-run', () => {
  it('says what it wrote, what it did not and what it cannot know, truthfully; a re-run repairs everything', async () => {
    const files = await articleFiles(300)
    const dir = mkdtempSync(join(tmpdir(), 'seed-dies-lake-'))
    cleanups.push(() => rmSync(dir, {recursive: true, force: true}))
    const {url, child} = await lakeProcess(dir)
    // The seed's own client, its transport wrapped to count the transactions sent: the lake is
    // killed as the 15th goes out (articles 141 to 150), with others in flight.
    const transport = requestHandlerFor(overHttp())
    let sent = 0
    const client = localClient(url, TOKEN, 'production').withConfig({
      requestHandler: (request, next) => {
        if (request.url.includes('/data/mutate/') && ++sent === 15) child.kill('SIGKILL')
        return transport(request, next)
      },
    })
    const result = await importArticles(client, files, {now: NOW})
    const kinds = errorsByKind(result)
    expect(kinds.other).toEqual([])
    expect(kinds.checkedNotWritten).toEqual([])
    expect(result.counts.transactions).toBeLessThan(30)
    expect(result.errors.length).toBeGreaterThan(0)

    const lake = await startTestLake({dir, token: TOKEN})
    cleanups.push(() => lake.close())
    const restarted = lake.client()
    const stored = new Set(await restarted.fetch<string[]>('*[_type == "article"]._id'))
    const failed = new Set(result.errors.map((error) => error.file))
    const notWritten = new Set(kinds.nothingWritten)
    result.articles.forEach((article, i) => {
      const file = files[i] ?? ''
      if (!failed.has(file)) expect(stored.has(articleIdOf(article)), `${file} was reported written`).toBe(true)
      if (notWritten.has(file)) expect(stored.has(articleIdOf(article)), `${file} was reported not written`).toBe(false)
    })

    const again = await importArticles(restarted, files, {now: NOW})
    expect(again.errors).toEqual([])
    expect(await restarted.fetch('count(*[_type == "article"])')).toBe(300)
  }, 120_000)
})

/** `npm run seed -- <files>` against the lake at `url` (found through LAKE_DIR/lake.json). */
async function seedCli(url: string, files: string[]): Promise<{status: number | null; stdout: string; stderr: string}> {
  const lakeDir = mkdtempSync(join(tmpdir(), 'seed-dies-cli-'))
  cleanups.push(() => rmSync(lakeDir, {recursive: true, force: true}))
  mkdirSync(lakeDir, {recursive: true})
  writeFileSync(join(lakeDir, 'lake.json'), JSON.stringify({url, pid: process.pid}))
  writeFileSync(join(lakeDir, 'token'), TOKEN)
  const child = spawn(NODE, [...SEED_NODE_FLAGS, 'scripts/seed.ts', ...files], {
    env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LAKE_DIR: lakeDir},
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.on('close', (status) => resolve({status, stdout, stderr})))
}

describe('npm run seed when the lake stops', () => {
  it('lists the transactions whose outcome is unknown and says to run it again, without a stack trace', async () => {
    const files = await articleFiles(10)
    const lake = await fakeLake(
      (index) => {
        if (index === 0) setImmediate(() => lake.stop())
        return 'drop'
      },
      (index) => (index < 2 ? 'answer' : 'hold'),
    )
    const {status, stdout, stderr} = await seedCli(lake.url, files)
    expect(status).toBe(1)
    expect(stderr).not.toMatch(/^\s+at /m)
    const unknown = stderr.split('\n').filter((line) => line.includes('whether it was written is unknown'))
    expect(unknown.length).toBeGreaterThan(0)
    expect(unknown[0]).toMatch(
      /^error: \/tmp\/seed-dies-\w+\/\d{6}\.txt: the connection to the lake was lost after the transaction for article-(ar|en)-bench-article-\d was sent \(.+\); the lake does not answer, so whether it was written is unknown: run the seed again, it writes what is missing$/,
    )
    expect(stdout).toContain(`  unknown    ${unknown.length} articles were sent but never answered (did the lake stop?): run the seed again once the lake runs`)
  }, 60_000)

  it('says the target stopped answering when it fails before any write', async () => {
    const files = await articleFiles(2)
    // The lake stops as the seed's first query (the publishers) arrives.
    const lake = await fakeLake(
      () => 'drop',
      (index) => {
        if (index === 0) setImmediate(() => lake.stop())
        return 'hold'
      },
    )
    const {status, stderr} = await seedCli(lake.url, files)
    expect(status).toBe(1)
    // Closed under the read, or refused when the read is sent again on a new connection.
    expect(stderr.trim().split('\n').at(-1)).toMatch(
      /^error: the target stopped answering \((ECONNRESET: socket hang up|connect ECONNREFUSED 127\.0\.0\.1:\d+)\)\. Run the seed again once it runs: it writes what is missing and leaves what is there\.$/,
    )
  }, 60_000)
})
