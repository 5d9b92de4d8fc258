/**
 * `npm run snapshot`'s work: write the target's dataset as a snapshot tree (`format.ts`), read
 * one back, restore one into an empty dataset, and compare two.
 */
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {SanityClient} from '@sanity/client'
import {releaseIdOfDocument} from '../../../lake/ids.ts'
import {diffDocuments} from '../history/diff.ts'
import {getText} from '../history/fetchHistory.ts'
import type {MarkStyle} from '../history/wordDiff.ts'
import {DOCUMENTS_DIR, MANIFEST, MANIFEST_FILE, documentFile, fileNames, manifestError, manifestProblem} from './format.ts'
import {restoreBatches} from './restorePlan.ts'

type Doc = Record<string, unknown>

/** Each restore transaction carries about this much JSON (the lake takes 4 MB bodies). */
const BATCH_BYTES = 1024 * 1024

/**
 * Writes every document of the client's dataset (drafts, versions, releases included) into `dir`.
 * @throws Error when `dir` has a `documents/` folder with files but is no snapshot: the files of
 *   documents that are gone are removed, and those would be someone else's; or when its manifest is damaged.
 */
export async function writeSnapshot(client: SanityClient, dir: string): Promise<{documents: number; written: number; removed: number}> {
  const folder = join(dir, DOCUMENTS_DIR)
  const isSnapshot = await hasManifest(dir)
  const present = await readdir(folder).catch(() => [])
  if (!isSnapshot && present.length > 0) {
    throw new Error(`${dir} is not a snapshot (no ${MANIFEST_FILE}) but ${folder} has ${present.length} file(s), which a snapshot would overwrite or remove: choose a new folder or an earlier snapshot`)
  }
  const {dataset} = client.config()
  const text = await getText(client, `/data/export/${dataset}`)
  const docs: Doc[] = text.split('\n').filter(Boolean).map((line) => JSON.parse(line))
  const names = fileNames(docs.map((doc) => String(doc._id)))
  // After the export: one that fails leaves no folder behind.
  await mkdir(folder, {recursive: true}).catch((error: unknown) => {
    throw new Error(`cannot make ${folder} (${error instanceof Error ? error.message : String(error)}): name a folder for the snapshot that can be written, e.g. ./snapshot`)
  })
  const existing = new Set(present.filter((name) => name.endsWith('.json')))
  let written = 0
  for (const doc of docs) {
    const name = names.get(String(doc._id)) ?? ''
    const content = documentFile(doc)
    existing.delete(name)
    // Unchanged files are left alone: a snapshot into a git work tree touches what changed only.
    if ((await readFile(join(folder, name), 'utf8').catch(() => null)) === content) continue
    await writeFile(join(folder, name), content)
    written++
  }
  for (const name of existing) await rm(join(folder, name))
  await writeFile(join(dir, MANIFEST_FILE), MANIFEST)
  return {documents: docs.length, written, removed: existing.size}
}

/**
 * Whether `dir` has a snapshot manifest.
 * @throws Error naming the file and the field when it has one that is not this format's.
 */
async function hasManifest(dir: string): Promise<boolean> {
  const file = join(dir, MANIFEST_FILE)
  const text = await readFile(file, 'utf8').catch(() => null)
  if (text === null) return false
  const problem = manifestProblem(text)
  if (problem) throw manifestError(file, problem)
  return true
}

/**
 * The documents of a snapshot, ordered by id.
 * @throws Error when `dir` is not a snapshot, its manifest is damaged, or a file does not hold the
 *   document it is named after (an `_id` as its name gives, a `_type` string).
 */
export async function readSnapshot(dir: string): Promise<Doc[]> {
  if (!(await hasManifest(dir))) throw new Error(`${dir} is not a snapshot (no ${MANIFEST_FILE}); make one with: npm run snapshot -- ${dir}`)
  const folder = join(dir, DOCUMENTS_DIR)
  const names = (await readdir(folder).catch(() => [])).filter((name) => name.endsWith('.json')).sort()
  const docs: Doc[] = []
  for (const name of names) {
    const doc = parseDocumentFile(join(folder, name), await readFile(join(folder, name), 'utf8'))
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || `${String(Reflect.get(doc, '_id'))}.json` !== name) {
      throw new Error(`${join(folder, name)} does not hold a document with the _id its name gives`)
    }
    // Without it a restore would store the type "undefined".
    const type: unknown = Reflect.get(doc, '_type')
    if (typeof type !== 'string' || type === '') {
      throw new Error(`${join(folder, name)}: "_type" is ${JSON.stringify(type) ?? 'missing'}, not a type name: fix it, or take it from an earlier snapshot`)
    }
    docs.push(Object.fromEntries(Object.entries(doc)))
  }
  return docs
}

/** A document file's JSON; a file that is not JSON (a bad merge, a hand edit) is named. */
function parseDocumentFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not JSON (${error instanceof Error ? error.message : String(error)}): fix it, or take it from an earlier snapshot`)
  }
}

/** A restore that failed after some of its transactions had committed: they stay in the dataset. */
export class PartialRestoreError extends Error {
  readonly written: number
  readonly total: number
  constructor(written: number, total: number, cause: unknown) {
    super(`${written} of ${total} document(s) were restored before this and stay in the dataset: fix the cause, then run the restore again with --force to write them all`, {cause})
    this.written = written
    this.total = total
  }
}

/**
 * Loads a snapshot's documents (`readSnapshot`, read before the target is opened, so that a damaged
 * snapshot writes nothing, not even a new dataset) into the client's dataset: the documents in
 * transactions ordered so that references resolve, then the releases through `sanity.action.release.import`.
 * @throws Error when the dataset is not empty and `force` is not set; PartialRestoreError (the
 *   first failure as its `cause`) when a transaction fails after others committed.
 */
export async function restoreSnapshot(client: SanityClient, docs: Doc[], force: boolean): Promise<{documents: number; transactions: number}> {
  const present: number = await client.fetch('count(*)', {}, {perspective: 'raw'})
  if (present > 0 && !force) {
    throw new Error(`dataset "${client.config().dataset}" has ${present} document(s): a snapshot is only restored into an empty dataset (--force replaces the documents with the same ids and keeps the others)`)
  }
  const releases: Array<{releaseId: string; release: Doc}> = []
  const others: Doc[] = []
  for (const doc of docs) {
    const releaseId = releaseIdOfDocument(String(doc._id))
    if (releaseId === null) others.push(doc)
    else releases.push({releaseId, release: doc})
  }
  const batches = restoreBatches(others, BATCH_BYTES)
  let written = 0
  try {
    for (const batch of batches) {
      await client.mutate(batch.map((doc) => (force ? {createOrReplace: toStub(doc)} : {create: toStub(doc)})))
      written += batch.length
    }
    // Releases last: a scheduled one locks its versions (the lake refuses to write them once it is).
    for (const {releaseId, release} of releases) {
      await client.action({actionType: 'sanity.action.release.import', releaseId, attributes: toStub(release), ifExists: force ? 'replace' : 'fail'})
      written++
    }
  } catch (error) {
    // Without a word the next run would be refused for a dataset that is not empty, its cause unsaid.
    throw written > 0 ? new PartialRestoreError(written, docs.length, error) : error
  }
  return {documents: docs.length, transactions: releases.length + batches.length}
}

function toStub(doc: Doc): {_id: string; _type: string} & Doc {
  return {...doc, _id: String(doc._id), _type: String(doc._type)}
}

/** What changed from snapshot `a` to snapshot `b`: documents added, removed, and changed field by field. */
export async function diffSnapshots(a: string, b: string, style: MarkStyle): Promise<string[]> {
  const before = new Map((await readSnapshot(a)).map((doc) => [String(doc._id), doc]))
  const after = new Map((await readSnapshot(b)).map((doc) => [String(doc._id), doc]))
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort()
  const lines: string[] = []
  const counts = {added: 0, removed: 0, changed: 0}
  for (const id of ids) {
    const old = before.get(id)
    const now = after.get(id)
    if (!old) {
      counts.added++
      lines.push(`+ ${id} (added)`)
    } else if (!now) {
      counts.removed++
      lines.push(`- ${id} (removed)`)
    } else if (documentFile(old) !== documentFile(now)) {
      counts.changed++
      const changes = diffDocuments(old, now, style)
      lines.push(`~ ${id}`, ...(changes.length ? changes : ['(system fields only)']).map((line) => `  ${line}`))
    }
  }
  lines.push(`${counts.added} added, ${counts.removed} removed, ${counts.changed} changed`)
  return lines
}
