import type {ArticleDocuments} from '../parse/documentTypes.ts'
import {sha256} from '../parse/ids.ts'
import {parseArticleFile} from '../parse/parseArticleFile.ts'
import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import {canonicalJson, contentFields, hashCanonicalJson, type StoredDocument} from './fieldHashes.ts'
import {matchPublishers, type PublisherNames} from './matchPublishers.ts'
import {readArticleBytes} from './readArticleFiles.ts'

/** Shared documents are remembered for the whole run: 16 hex digits tell versions apart cheaply. */
const CLAIM_HASH_LENGTH = 16

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
 * One article ready to plan: its documents (sources pointed at the dataset's publishers) and the
 * hashes planning compares, computed once, wherever the article was parsed (here or in the
 * parse worker), so the thread that talks to the dataset does not spend its time on them.
 */
export interface PreparedArticle {
  documents: ArticleDocuments
  /** Per document id: the sha256 of each content field, as `seedImport.fieldHashes` keeps them. */
  fieldHashes: Record<string, Record<string, string>>
  /** Per related document id: a short hash of the whole document (see `claimShared`). */
  claimHashes: Record<string, string>
  /**
   * Per document id: the JSON of the document as a `create` writes it (`_id`, `_type`, then its
   * content fields sorted by name, each value in canonical JSON), without the closing brace:
   * `serializeMutations` appends `seedImport`, so the thread that sends it does not serialise the
   * article again. Made from the same canonical JSON the hashes are taken of.
   */
  createJson: Record<string, string>
}

/** Parses a checked file for the import. @throws SeedError (the file changed since the check). */
export async function prepareFile(file: string, strict: boolean | undefined, publishers: PublisherNames): Promise<PreparedArticle> {
  const {documents} = parseArticleFile(await readArticleBytes(file), file, {strict})
  return prepareArticle(matchPublishers(documents, publishers))
}

export function prepareArticle(documents: ArticleDocuments): PreparedArticle {
  const prepared: PreparedArticle = {documents, fieldHashes: {}, claimHashes: {}, createJson: {}}
  const all: StoredDocument[] = [...documents.related, documents.article]
  for (const doc of all) {
    const hashes: Record<string, string> = {}
    let json = `{"_id":${JSON.stringify(doc._id)},"_type":${JSON.stringify(doc._type)}`
    for (const field of contentFields(doc).sort()) {
      if (doc[field] === undefined) continue
      const canonical = canonicalJson(doc[field])
      hashes[field] = hashCanonicalJson(canonical)
      json += `,${JSON.stringify(field)}:${canonical}`
    }
    prepared.fieldHashes[doc._id] = hashes
    prepared.createJson[doc._id] = json
  }
  for (const doc of documents.related) prepared.claimHashes[doc._id] = sha256(prepared.createJson[doc._id] ?? '').slice(0, CLAIM_HASH_LENGTH)
  return prepared
}
