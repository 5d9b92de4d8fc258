import {hash} from 'node:crypto'
import type {ArticleDocuments} from '../parse/documentTypes.ts'
import {parseArticleFile} from '../parse/parseArticleFile.ts'
import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import {canonicalJson, contentFields, hashCanonicalJson, serializeFieldHashes, type StoredDocument} from './fieldHashes.ts'
import {existingPublisher, matchPublishers, type PublisherNames} from './matchPublishers.ts'
import {normalizeForMatch} from '../parse/normalizeForMatch.ts'
import {readArticleBytes} from './readArticleFiles.ts'

/** Shared documents are remembered for the whole run: 16 hex digits tell versions apart cheaply. */
const CLAIM_HASH_LENGTH = 16
const utf8 = new TextEncoder()

/** What the check pass learns from one file. */
export interface FileCheck {
  warnings: SeedWarning[]
  /** The article's id when the file parsed. */
  articleId?: string
  error?: SeedError
  /** The article ready to import, when the check was asked to keep it (see `checkArticles`). */
  prepared?: PreparedArticle
}

/**
 * Reads, parses and validates one article file (see `checkArticles`); with `keep`, also prepares
 * it for the import.
 */
export async function checkFile(file: string, strict: boolean | undefined, keep = false): Promise<FileCheck> {
  try {
    const {documents, warnings} = parseArticleFile(await readArticleBytes(file), file, {strict})
    return {warnings, articleId: documents.article._id, ...(keep ? {prepared: prepareArticle(documents)} : {})}
  } catch (error) {
    if (!(error instanceof SeedError)) throw error
    return {warnings: [], error}
  }
}

/**
 * One article ready to plan, made wherever it was parsed (here, in the check, or in the parse
 * worker): what the thread that talks to the dataset needs, computed once. An article none of
 * whose documents exist yet is planned and sent from these fields alone; its documents' values
 * are only read (`articleDocuments`) when a plan has to compare them with the dataset.
 */
export interface PreparedArticle {
  file: string
  articleId: string
  slug: string
  language: string
  /** The article's documents, referenced documents first, the article last. */
  docs: PreparedDocument[]
  /**
   * Its documents (`ArticleDocuments`) as UTF-8 JSON: kept out of the JavaScript heap, and moved
   * rather than copied between threads. Each document's `createJson` is a view into these bytes.
   */
  documents: Uint8Array
  /** The publishers it writes, as `[normalised name, id]`: what `withPublishers` looks up. */
  publishers: Array<[string, string]>
}

export interface PreparedDocument {
  id: string
  type: string
  /**
   * The sha256 of each content field with a value, as `seedImport.fieldHashes` stores them
   * (`serializeFieldHashes`): one string rather than an object of strings, because the check
   * may keep up to 2,000 prepared articles. `fieldHashesOf` reads it.
   */
  fieldHashes: string
  /** For referenced documents: a short hash of the whole document (see `claimShared`). */
  claimHash?: string
  /**
   * The JSON (UTF-8) of the document as a `create` writes it (`_id`, `_type`, then its content
   * fields sorted by name, each value in canonical JSON), without the closing brace: the request
   * body appends `seedImport` (see `serializeMutations`), and no thread serialises the document
   * again. Made from the same canonical JSON the hashes are taken of.
   */
  createJson: Uint8Array
}

/** Parses a checked file for the import. @throws SeedError (the file changed since the check). */
export async function prepareFile(file: string, strict: boolean | undefined): Promise<PreparedArticle> {
  const {documents} = parseArticleFile(await readArticleBytes(file), file, {strict})
  return prepareArticle(documents)
}

/**
 * The article with its sources pointed at the publishers the dataset already has under the same
 * name or an alias (see `matchPublishers`). Articles are prepared before the dataset's publishers
 * are known (during the check, in the worker); the rare article that names an editor's publisher
 * is prepared again here, every other one is returned as it is.
 */
export function withPublishers(prepared: PreparedArticle, names: PublisherNames): PreparedArticle {
  const remapped = prepared.publishers.some(([name, id]) => existingPublisher(names, name, id) !== null)
  return remapped ? prepareArticle(matchPublishers(articleDocuments(prepared), names)) : prepared
}

/**
 * Hashes and serialises an article's documents: each content field's canonical JSON is made once
 * and gives both its hash and its part of the document's JSON. The documents' JSON is one string
 * (`{"file":…,"related":[…],"article":…}`, keys inside each document in canonical order), joined
 * from its pieces and encoded once; each document's create JSON is the slice of it that holds the
 * document, found by counting the pieces' UTF-8 bytes.
 */
export function prepareArticle(documents: ArticleDocuments): PreparedArticle {
  const all: StoredDocument[] = [...documents.related, documents.article]
  const parts: string[] = []
  let bytes = 0
  const add = (piece: string) => {
    parts.push(piece)
    bytes += Buffer.byteLength(piece)
  }
  add(`{"file":${JSON.stringify(documents.file)},"related":[`)
  const slices: Array<[number, number]> = []
  const docs = all.map((doc, index) => {
    if (index === documents.related.length) add('],"article":')
    else if (index > 0) add(',')
    const start = bytes
    add(`{"_id":${JSON.stringify(doc._id)},"_type":${JSON.stringify(doc._type)}`)
    const hashes: Record<string, string> = {}
    for (const field of contentFields(doc).sort()) {
      if (doc[field] === undefined) continue
      const canonical = canonicalJson(doc[field])
      hashes[field] = hashCanonicalJson(canonical)
      add(`,${JSON.stringify(field)}:`)
      add(canonical)
    }
    slices.push([start, bytes])
    add('}')
    return {id: doc._id, type: doc._type, fieldHashes: serializeFieldHashes(hashes)}
  })
  add('}')
  const encoded = utf8.encode(parts.join(''))
  const {article} = documents
  return {
    file: documents.file,
    articleId: article._id,
    slug: article.slug.current,
    language: article.language,
    docs: docs.map((doc, index): PreparedDocument => {
      const createJson = encoded.subarray(...(slices[index] ?? [0, 0]))
      const related = index < documents.related.length
      return {...doc, createJson, ...(related ? {claimHash: hash('sha256', createJson, 'hex').slice(0, CLAIM_HASH_LENGTH)} : {})}
    }),
    documents: encoded,
    publishers: documents.related.flatMap((doc): Array<[string, string]> => (doc._type === 'publisher' ? [[normalizeForMatch(doc.name), doc._id]] : [])),
  }
}

const hashesRead = new WeakMap<PreparedDocument, Record<string, string>>()

/** A prepared document's field hashes, by field (parsed from `fieldHashes` once). */
export function fieldHashesOf(doc: PreparedDocument): Record<string, string> {
  let hashes = hashesRead.get(doc)
  if (!hashes) {
    hashes = JSON.parse(doc.fieldHashes) as Record<string, string>
    hashesRead.set(doc, hashes)
  }
  return hashes
}

const parsed = new WeakMap<PreparedArticle, ArticleDocuments>()

/** The article's documents, parsed from their JSON once. */
export function articleDocuments(prepared: PreparedArticle): ArticleDocuments {
  let documents = parsed.get(prepared)
  if (!documents) {
    const {buffer, byteOffset, byteLength} = prepared.documents
    documents = JSON.parse(Buffer.from(buffer, byteOffset, byteLength).toString('utf8')) as ArticleDocuments
    parsed.set(prepared, documents)
  }
  return documents
}

/** The buffer to move, rather than copy, when the article is posted to another thread. */
export function bufferOf(prepared: PreparedArticle): ArrayBuffer[] {
  const {buffer} = prepared.documents
  return buffer instanceof ArrayBuffer ? [buffer] : []
}

/** How many bytes a prepared article holds (what the check's keep budget counts). */
export function sizeOf(prepared: PreparedArticle): number {
  return prepared.documents.byteLength
}
