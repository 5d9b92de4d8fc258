import type {ArticleDocuments} from '../parse/documentTypes.ts'
import {sha256} from '../parse/ids.ts'
import {parseArticleFile} from '../parse/parseArticleFile.ts'
import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import {canonicalJson, contentFields, hashCanonicalJson, type StoredDocument} from './fieldHashes.ts'
import {matchPublishers, type PublisherNames} from './matchPublishers.ts'
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
}

/** Reads, parses and validates one article file (see `checkArticles`). */
export async function checkFile(file: string, strict: boolean | undefined): Promise<FileCheck> {
  try {
    const {documents, warnings} = parseArticleFile(await readArticleBytes(file), file, {strict})
    return {warnings, articleId: documents.article._id}
  } catch (error) {
    if (!(error instanceof SeedError)) throw error
    return {warnings: [], error}
  }
}

/**
 * One article ready to plan, made wherever it was parsed (here or in the parse worker): what the
 * thread that talks to the dataset needs, computed once. An article none of whose documents
 * exist yet is planned and sent from these fields alone; its documents' values are only read
 * (`articleDocuments`) when a plan has to compare them with the dataset.
 */
export interface PreparedArticle {
  file: string
  articleId: string
  slug: string
  language: string
  /** The article's documents, referenced documents first, the article last. */
  docs: PreparedDocument[]
  /**
   * Its documents (sources pointed at the dataset's publishers). From the worker they come as UTF-8
   * JSON, moved rather than copied between the threads and kept out of the JavaScript heap.
   */
  documents: ArticleDocuments | Uint8Array
}

export interface PreparedDocument {
  id: string
  type: string
  /** The sha256 of each content field with a value, as `seedImport.fieldHashes` keeps them. */
  hashes: Record<string, string>
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
export async function prepareFile(file: string, strict: boolean | undefined, publishers: PublisherNames): Promise<PreparedArticle> {
  const {documents} = parseArticleFile(await readArticleBytes(file), file, {strict})
  return prepareArticle(matchPublishers(documents, publishers))
}

export function prepareArticle(documents: ArticleDocuments): PreparedArticle {
  const all: StoredDocument[] = [...documents.related, documents.article]
  const docs = all.map((doc, index): PreparedDocument => {
    const hashes: Record<string, string> = {}
    let createJson = `{"_id":${JSON.stringify(doc._id)},"_type":${JSON.stringify(doc._type)}`
    for (const field of contentFields(doc).sort()) {
      if (doc[field] === undefined) continue
      const canonical = canonicalJson(doc[field])
      hashes[field] = hashCanonicalJson(canonical)
      createJson += `,${JSON.stringify(field)}:${canonical}`
    }
    const related = index < documents.related.length
    return {
      id: doc._id,
      type: doc._type,
      hashes,
      createJson: utf8.encode(createJson),
      ...(related ? {claimHash: sha256(createJson).slice(0, CLAIM_HASH_LENGTH)} : {}),
    }
  })
  const {article} = documents
  return {file: documents.file, articleId: article._id, slug: article.slug.current, language: article.language, docs, documents}
}

const parsed = new WeakMap<PreparedArticle, ArticleDocuments>()

/** The article's documents, parsed from JSON (once) when they came from the worker. */
export function articleDocuments(prepared: PreparedArticle): ArticleDocuments {
  if (!(prepared.documents instanceof Uint8Array)) return prepared.documents
  let documents = parsed.get(prepared)
  if (!documents) {
    documents = JSON.parse(Buffer.from(prepared.documents.buffer, prepared.documents.byteOffset, prepared.documents.byteLength).toString('utf8')) as ArticleDocuments
    parsed.set(prepared, documents)
  }
  return documents
}

/**
 * The article as the worker posts it (documents as UTF-8 JSON, which the receiver parses only if
 * it needs them), and the buffers to move with it.
 */
export function forPosting(prepared: PreparedArticle): {article: PreparedArticle; transfer: ArrayBuffer[]} {
  const article = prepared.documents instanceof Uint8Array ? prepared : {...prepared, documents: utf8.encode(JSON.stringify(prepared.documents))}
  const buffers = [article.documents, ...article.docs.map((doc) => doc.createJson)].map((bytes) => (bytes as Uint8Array).buffer)
  return {article, transfer: buffers.filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer)}
}
