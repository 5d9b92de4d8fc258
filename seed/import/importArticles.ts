import {randomUUID} from 'node:crypto'

import type {Mutation, SanityClient} from '@sanity/client'
import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import {buildMutations, countMutations, mutationsJson, transactionBody, type MutationsJson} from './buildMutations.ts'
import {claimShared, type Claims} from './claimShared.ts'
import type {StoredDocument} from './fieldHashes.ts'
import {planArticle, writes, type ArticlePlan} from './planArticle.ts'
import type {ParseWorker} from './parseWorker.ts'
import {documentIds, prepareFile, withPublishers, type PreparedArticle} from './prepareArticle.ts'
import {countPlan, emptyCounts, type ImportCounts} from './importCounts.ts'
import {loadPublisherNames, type PublisherNames} from './matchPublishers.ts'
import {storedDocumentsQuery} from './seedQueries.ts'
import {nothingWritten, refusedByLake, settleUnknownOutcomes, type UnknownOutcome} from './transactionOutcomes.ts'

/**
 * Articles read, planned and fetched together: one query for the existing documents of 100
 * articles keeps round trips low, while memory stays bounded by the batch, not the run.
 */
const BATCH_SIZE = 100
/**
 * Batches read, parsed and fetched ahead of the one being planned: with two, the worker parses one
 * while the lake answers the other's fetch, instead of each batch waiting for both in turn.
 */
const BATCHES_AHEAD = 2
/**
 * Transactions in flight at once: enough to keep working while the lake makes a group of them
 * durable (one fsync per group commit), few enough to hold little memory.
 */
const CONCURRENCY = 64
/**
 * Articles committed together in one transaction, at most: each request and each transaction
 * costs the lake and the seed about as much as an article's documents do. A transaction the lake
 * refuses is sent again article by article, so one article's problem never costs the others.
 */
export const ARTICLES_PER_TRANSACTION = 10
/**
 * Characters of a transaction's request body, at most (a long article goes alone). V8 keeps a
 * string of more than 128 KB, which is 64 K characters of a text with one non-Latin letter, in
 * its large-object space: making, sending and decoding such a body cost several times as much per
 * character, on both sides of the request, as for a smaller one (see the commit that set this).
 */
export const TRANSACTION_BODY_CHARS = 60_000

export interface ImportOptions {
  /** Plan and report, write nothing. */
  dryRun?: boolean
  /** Overwrite fields editors changed (they are reported in `onPlan` first). */
  replace?: boolean
  strict?: boolean
  /** The clock for `seedImport.importedAt` (ISO datetime). */
  now: () => string
  /** Instead of writing to the client, hand each document to this NDJSON sink (one JSON line each). */
  out?: (line: string) => void
  /** Every article's plan, before it is committed. */
  onPlan?: (plan: ArticlePlan) => void
  onProgress?: (done: number, total: number) => void
  /** Articles per transaction, at most (default ARTICLES_PER_TRANSACTION; 1 commits each alone). */
  articlesPerTransaction?: number
  /** Characters of a transaction's request body, at most, unless one article alone has more (default TRANSACTION_BODY_CHARS). */
  transactionChars?: number
  /** Parses the next batches there while this thread plans and commits (see `ParseWorker`). */
  worker?: ParseWorker | null
  /**
   * Files the check already prepared (`CheckResult.prepared`): imported as they were checked,
   * without reading them again. Each is taken out of the map once its batch is read, so the
   * memory it holds is freed as the import goes.
   */
  prepared?: Map<string, PreparedArticle>
  /**
   * The dataset's publishers (`loadPublisherNames`), when the caller started reading them already,
   * e.g. while the files were checked. Else the import reads them first.
   */
  publishers?: Promise<PublisherNames>
}

export interface ImportResult {
  counts: ImportCounts
  errors: SeedError[]
  warnings: SeedWarning[]
  /** The articles imported (or planned), for reading them back. */
  articles: Array<{file: string; slug: string; language: string}>
}

/**
 * An article of a batch read ahead: its documents' ids, which the batch's fetch of what the
 * dataset holds needs, and the article, parsed only when its turn to be planned comes. The
 * worker's articles stay its JSON text until then: parsed as they arrived, the articles of the
 * batches read ahead lived through several collections of the young generation, and each copied
 * them.
 */
interface ReadArticle {
  file: string
  ids: string[]
  prepared: () => PreparedArticle
}

/** The batch's files ready to plan: as the check kept them, else parsed here or in the worker. */
async function readBatch(files: string[], options: ImportOptions): Promise<ReadArticle[]> {
  const kept = options.prepared
  const batch = files.map((file) => {
    const prepared = kept?.get(file)
    kept?.delete(file)
    return prepared && parsedArticle(file, prepared)
  })
  const missing = files.filter((_, i) => batch[i] === undefined)
  if (missing.length > 0) {
    const read = options.worker
      ? (await options.worker.prepare(missing, options.strict)).map(({ids, text}, i) => ({file: missing[i] ?? '', ids, prepared: () => JSON.parse(text) as PreparedArticle}))
      : (await prepareEach(missing, options.strict)).map((prepared, i) => parsedArticle(missing[i] ?? '', prepared))
    batch.forEach((article, i) => (batch[i] = article ?? read.shift()))
  }
  return batch.map((article, i) => {
    if (!article) throw new Error(`${files[i]}: not prepared`)
    return article
  })
}

function parsedArticle(file: string, prepared: PreparedArticle): ReadArticle {
  return {file, ids: documentIds(prepared), prepared: () => prepared}
}

async function prepareEach(files: string[], strict: boolean | undefined): Promise<PreparedArticle[]> {
  const prepared: PreparedArticle[] = []
  for (const file of files) prepared.push(await prepareFile(file, strict))
  return prepared
}

async function fetchExisting(client: SanityClient | null, batch: ReadArticle[]): Promise<Map<string, StoredDocument>> {
  const existing = new Map<string, StoredDocument>()
  if (!client) return existing
  const ids = [...new Set(batch.flatMap((article) => article.ids.flatMap((id) => [id, `drafts.${id}`])))]
  const found = await client.fetch(storedDocumentsQuery, {ids}, {perspective: 'raw'})
  for (const doc of found) existing.set(doc._id, doc)
  return existing
}

/**
 * Commits one transaction. The body is the one `transactionBody` made, with the transaction's
 * id; the query is what
 * `client.mutate(mutations, {returnDocuments: false, visibility: 'sync'})` sends.
 */
function commitMutations(client: SanityClient, body: Buffer): Promise<unknown> {
  return client.request({
    url: `/data/mutate/${client.config().dataset}`,
    method: 'POST',
    query: {returnIds: 'true', visibility: 'sync'},
    headers: {'Content-Type': 'application/json'},
    body,
  })
}

/**
 * An article planned for a transaction: what its commit needs, and no more. Its plan and parsed
 * documents are let go once its mutations are serialised, so they die young instead of being
 * kept, and copied by each garbage collection, until the transaction is answered.
 */
interface Member {
  file: string
  articleId: string
  /** Its mutations, serialised for the transaction's body. */
  part: MutationsJson
  mutationCount: number
  /** The documents the plan writes. */
  written: string[]
  /** Settles once the article is written or its failure recorded (it never rejects). */
  done: Promise<void>
  finish: () => void
}

/** The articles of the next transaction, and the commits of earlier transactions they wait for. */
interface Group {
  members: Member[]
  /** The characters of its members' parts. */
  chars: number
  waits: Array<Promise<unknown>>
}

function memberOf(plan: ArticlePlan, mutations: Mutation[], mutationCount: number): Member {
  let finish = () => {}
  const done = new Promise<void>((resolve) => (finish = resolve))
  const written = plan.documents.filter(writes).map((doc) => doc.id)
  return {file: plan.file, articleId: plan.articleId, part: mutationsJson(mutations), mutationCount, written, done, finish}
}

/**
 * Commits the members' mutations as one transaction and records the outcome for each article.
 * When the lake refuses a transaction of several articles, nothing of it was written: each
 * article is sent again alone, in order, so that only the one at fault fails.
 */
async function commitGroup(
  client: SanityClient,
  members: Member[],
  run: <T>(task: () => Promise<T>) => Promise<T>,
  result: ImportResult,
  unknown: UnknownOutcome[],
): Promise<void> {
  const transactionId = randomUUID()
  try {
    const body = transactionBody(members.map((member) => member.part.bytes), transactionId)
    await run(() => commitMutations(client, body))
    result.counts.transactions++
    for (const member of members) {
      result.counts.mutations += member.mutationCount
      member.finish()
    }
    return
  } catch (error) {
    if (members.length > 1 && refusedByLake(error)) {
      for (const member of members) await commitGroup(client, [member], run, result, unknown)
      return
    }
    const reason = messageOf(error)
    for (const {file, articleId, mutationCount, written, finish} of members) {
      const [documentId] = written
      if (nothingWritten(error) || documentId === undefined) {
        result.errors.push(new SeedError(file, 0, `the transaction for ${articleId} failed (${reason}); nothing of this article was written, run the seed again`))
      } else {
        unknown.push({file, articleId, transactionId, documentId, mutations: mutationCount, reason})
      }
      finish()
    }
  }
}

/** A batch's commits in flight, and how many files are done once they settle. */
interface Batch {
  commits: Array<Promise<unknown>>
  done: number
}

/** A semaphore: at most `limit` calls of `run` at a time. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const waiting: Array<() => void> = []
  return async (task) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    active++
    try {
      return await task()
    } finally {
      active--
      waiting.shift()?.()
    }
  }
}

/**
 * Imports article files into the dataset behind `client`: plans each article against what the
 * dataset holds (create / update / unchanged / kept for editors) and commits each article with its
 * sources, publisher and author in one transaction, with up to `articlesPerTransaction - 1` others.
 * Files must have passed `checkArticles`.
 * With `client` null, plans against an empty dataset (for `out`).
 */
export async function importArticles(client: SanityClient | null, files: string[], options: ImportOptions): Promise<ImportResult> {
  const result: ImportResult = {counts: emptyCounts(), errors: [], warnings: [], articles: []}
  /** Documents shared between articles (a publisher, an author) are written by the first article only. */
  const claimed: Claims = new Map()
  /** Commits in flight, by the ids they write: an article waits for the documents it shares. */
  const pending = new Map<string, Promise<unknown>>()
  const run = limiter(CONCURRENCY)
  const publishers = client && !options.out ? await (options.publishers ?? loadPublisherNames(client)) : new Map<string, string>()
  const prepare = async (start: number) => {
    const batch = await readBatch(files.slice(start, start + BATCH_SIZE), options)
    return {batch, existing: await fetchExisting(options.out ? null : client, batch)}
  }
  /** Transactions sent whose answer never came (the lake stopped?): asked about at the end. */
  const unknown: UnknownOutcome[] = []
  const perTransaction = Math.max(1, options.articlesPerTransaction ?? ARTICLES_PER_TRANSACTION)
  const transactionChars = options.transactionChars ?? TRANSACTION_BODY_CHARS
  /** The articles planned for the next transaction, and the commits of other transactions they wait for. */
  let group: Group = {members: [], chars: 0, waits: []}
  /** Sends the open group once the transactions it waits for are settled. */
  const flush = () => {
    const {members, waits} = group
    group = {members: [], chars: 0, waits: []}
    if (members.length === 0 || !client) return
    // An article waiting for one of this transaction's own documents needs no wait: they commit together.
    const own = new Set<Promise<unknown>>(members.map((member) => member.done))
    void Promise.allSettled(waits.filter((wait) => !own.has(wait))).then(() => commitGroup(client, members, run, result, unknown))
  }
  /** The batches being read, parsed and fetched ahead of the one being planned, in file order. */
  const upcoming: Array<ReturnType<typeof prepare>> = []
  let nextStart = 0
  let previous: Batch | null = null
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    // Read, parse and fetch the next batches while this one commits: shared documents of this batch
    // are claimed below, before any later batch is planned, so none plans them from a stale read.
    for (; upcoming.length < BATCHES_AHEAD && nextStart < files.length; nextStart += BATCH_SIZE) upcoming.push(ahead(prepare(nextStart)))
    let read: Awaited<ReturnType<typeof prepare>> | undefined
    try {
      read = await upcoming.shift()
    } catch (error) {
      // The lake stopped answering, most likely: what was sent is settled below, the rest waits for a re-run.
      const left = files.length - start
      result.errors.push(new SeedError(files[start] ?? '', 0,
        `the import stopped before this file (${messageOf(error)}); it and the ${left - 1} files after it were not imported: run the seed again`))
      break
    }
    if (!read) break
    const {batch, existing} = read
    const fileIndex = new Map(batch.map(({file}, i) => [file, start + i]))
    const commits: Array<Promise<unknown>> = []
    for (const entry of batch) {
      const prepared = withPublishers(entry.prepared(), publishers)
      const {file, article} = prepared.documents
      const {_id: articleId, language} = article
      const stored = existing.get(articleId) ?? existing.get(`drafts.${articleId}`)
      if (stored && stored.language !== language) {
        result.errors.push(
          new SeedError(
            file,
            0,
            `${articleId} already holds the "${String(stored.language)}" version of this article; give this "${language}" file its own slug with a "slug:" front matter line`,
          ),
        )
        continue
      }
      const skip = claimShared(prepared, claimed, fileIndex.get(file) ?? -1, files, result.warnings)
      const plan = planArticle(prepared, existing, {replace: options.replace ?? false, skip})
      options.onPlan?.(plan)
      countPlan(result.counts, plan)
      result.articles.push({file: plan.file, slug: plan.slug, language: plan.language})
      const importedAt = options.now()
      const mutationCount = countMutations(plan)
      result.counts.plannedMutations += mutationCount
      if (options.out) {
        for (const mutation of buildMutations(plan, importedAt)) if ('create' in mutation) options.out(JSON.stringify(mutation.create))
        continue
      }
      if (options.dryRun || mutationCount === 0 || !client) continue
      const member = memberOf(plan, buildMutations(plan, importedAt), mutationCount)
      const waits = [...skip].map((id) => pending.get(id)).filter((p) => p !== undefined)
      if (group.members.length >= perTransaction || (group.members.length > 0 && group.chars + member.part.chars > transactionChars)) flush()
      group.members.push(member)
      group.chars += member.part.chars
      group.waits.push(...waits)
      for (const id of member.written) pending.set(id, member.done)
      void member.done.then(() => {
        for (const id of member.written) if (pending.get(id) === member.done) pending.delete(id)
      })
      commits.push(member.done)
    }
    flush()
    // The previous batch's commits overlap this one's, so the pool never drains at a batch edge;
    // waiting for them here keeps at most two batches in memory.
    await settled(previous, files.length, options.onProgress)
    previous = {commits, done: Math.min(start + BATCH_SIZE, files.length)}
  }
  await settled(previous, files.length, options.onProgress)
  if (client) await settleUnknownOutcomes(client, unknown, result)
  return result
}

/** A promise awaited later: until then, its failure must not count as unhandled (it is handled when awaited). */
function ahead<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {})
  return promise
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message
}

/** Waits for a batch's commits, then reports progress up to its last file. */
async function settled(batch: Batch | null, total: number, onProgress: ImportOptions['onProgress']): Promise<void> {
  if (!batch) return
  await Promise.all(batch.commits)
  onProgress?.(batch.done, total)
}
