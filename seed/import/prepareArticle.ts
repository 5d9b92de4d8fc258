import {hash} from 'node:crypto'
import type {ArticleDocuments} from '../parse/documentTypes.ts'
import {parseArticleFile} from '../parse/parseArticleFile.ts'
import {canonicalJson, contentFields, hashCanonicalJson, type StoredDocument} from './fieldHashes.ts'
import {matchPublishers, type PublisherNames} from './matchPublishers.ts'
import {readArticleBytes} from './readArticleFiles.ts'

/** Shared documents are remembered for the whole run: 16 hex digits tell versions apart cheaply. */
const CLAIM_HASH_LENGTH = 16

/**
 * One article ready to plan, made wherever it was parsed (here, in the check, or in the parse
 * worker): its parsed documents, and the hashes planning compares, computed once. Plain data, so
 * it crosses between threads as it is.
 */
export interface PreparedArticle {
  /** As `parseArticleFile` made them. */
  documents: ArticleDocuments
  /** For each document of `documentsOf(prepared)`, in that order. */
  hashes: DocumentHashes[]
  /** The size of the file it was parsed from: what the check's keep budget counts. */
  fileBytes: number
}

export interface DocumentHashes {
  /** The sha256 of each content field with a value, as `seedImport.fieldHashes` stores them. */
  fields: Record<string, string>
  /** For referenced documents: a short hash of the whole document (see `claimShared`). */
  claim?: string
}

/** Parses a checked file for the import. @throws SeedError (the file changed since the check). */
export async function prepareFile(file: string, strict: boolean | undefined): Promise<PreparedArticle> {
  const bytes = await readArticleBytes(file)
  return prepareArticle(parseArticleFile(bytes, file, {strict}).documents, bytes.byteLength)
}

/** The article's documents in import order: referenced documents first, the article last. */
export function documentsOf(prepared: PreparedArticle): StoredDocument[] {
  return [...prepared.documents.related, prepared.documents.article]
}

/** The ids of the article's documents, in the order of `documentsOf`. */
export function documentIds(prepared: PreparedArticle): string[] {
  return documentsOf(prepared).map((doc) => doc._id)
}

/**
 * The article with its sources pointed at the publishers the dataset already has under the same
 * name or an alias (see `matchPublishers`). Articles are prepared before the dataset's publishers
 * are known (during the check, in the worker); the rare article that names an editor's publisher
 * is prepared again here, every other one is returned as it is.
 */
export function withPublishers(prepared: PreparedArticle, names: PublisherNames): PreparedArticle {
  const matched = matchPublishers(prepared.documents, names)
  return matched === prepared.documents ? prepared : prepareArticle(matched, prepared.fileBytes)
}

/**
 * Hashes an article's documents: each content field's canonical JSON is made once and gives its
 * hash; a referenced document's claim hash is taken of its canonical JSON, joined from those pieces.
 */
export function prepareArticle(documents: ArticleDocuments, fileBytes: number): PreparedArticle {
  const related = documents.related.length
  const all: StoredDocument[] = [...documents.related, documents.article]
  const hashes = all.map((doc, index): DocumentHashes => {
    const fields: Record<string, string> = {}
    let json = `{"_id":${JSON.stringify(doc._id)},"_type":${JSON.stringify(doc._type)}`
    for (const field of contentFields(doc).sort()) {
      if (doc[field] === undefined) continue
      const canonical = canonicalJson(doc[field])
      fields[field] = hashCanonicalJson(canonical)
      if (index < related) json += `,${JSON.stringify(field)}:${canonical}`
    }
    return index < related ? {fields, claim: hash('sha256', `${json}}`, 'hex').slice(0, CLAIM_HASH_LENGTH)} : {fields}
  })
  return {documents, hashes, fileBytes}
}

/** What the check's keep budget counts for a prepared article: the size of its file. */
export function sizeOf(prepared: PreparedArticle): number {
  return prepared.fileBytes
}
