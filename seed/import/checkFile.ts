import {parseArticleFile} from '../parse/parseArticleFile.ts'
import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import {buildMutations, MAX_REQUEST_BYTES, mutationsJson, transactionBody} from './buildMutations.ts'
import {planArticle} from './planArticle.ts'
import {prepareArticle, type PreparedArticle} from './prepareArticle.ts'
import {readArticleBytes} from './readArticleFiles.ts'

/**
 * Files from this size on are checked for the size of the request that creates them. A smaller one
 * cannot reach MAX_REQUEST_BYTES: the parser's largest expansion of text into the request's JSON
 * is about 70 times (a "Further Reading" line of a few characters becomes a source document, a
 * reference to it and their field hashes), so 32 KB makes at most about 2.3 MB.
 */
const REQUEST_SIZE_CHECKED_FROM = 32 * 1024

/** Stands for the transaction id the import gives the request (`randomUUID`): same length. */
const TRANSACTION_ID_OF_SAME_LENGTH = '00000000-0000-0000-0000-000000000000'

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
 * it for the import. A file large enough to come near the Content Lake's request limit is also
 * refused when the transaction that creates its article alone would pass it: the lake would
 * refuse that transaction after the articles before it were written.
 */
export async function checkFile(file: string, strict: boolean | undefined, keep = false): Promise<FileCheck> {
  try {
    const bytes = await readArticleBytes(file)
    const {documents, warnings} = parseArticleFile(bytes, file, {strict})
    const large = bytes.byteLength >= REQUEST_SIZE_CHECKED_FROM
    const prepared = keep || large ? prepareArticle(documents, bytes.byteLength) : undefined
    if (large && prepared) checkRequestSize(prepared, file)
    return {warnings, articleId: documents.article._id, ...(keep ? {prepared} : {})}
  } catch (error) {
    if (!(error instanceof SeedError)) throw error
    return {warnings: [], error}
  }
}

/** @throws SeedError when creating the article, with its sources, takes a request past MAX_REQUEST_BYTES. */
function checkRequestSize(prepared: PreparedArticle, file: string): void {
  const plan = planArticle(prepared, new Map(), {replace: false, skip: new Set()})
  const bytes = transactionBody([mutationsJson(buildMutations(plan, new Date(0).toISOString())).bytes], TRANSACTION_ID_OF_SAME_LENGTH).byteLength
  if (bytes <= MAX_REQUEST_BYTES) return
  const {article, related} = prepared.documents
  throw new SeedError(
    file,
    0,
    `this article makes a request of ${bytes} bytes (${article.sections.length} sections, ${related.length} sources, publishers and people), more than the ${MAX_REQUEST_BYTES} bytes the Content Lake accepts in one; split it into shorter articles`,
  )
}
