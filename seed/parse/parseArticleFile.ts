import {buildDocuments} from './buildDocuments.ts'
import {decodeArticleBytes} from './decodeArticleBytes.ts'
import type {ArticleDocuments} from './documentTypes.ts'
import {parseArticle} from './parseArticle.ts'
import {warningToError, type SeedWarning} from './seedError.ts'
import {validateDocuments} from './validateDocuments.ts'

export interface ParseOptions {
  /** Treat warnings (e.g. an unknown heading) as errors. */
  strict?: boolean
}

/**
 * The seed parser's entry point: the bytes of one article file in, its Sanity documents out,
 * validated against the content model. Pure: no I/O, no environment, no clock, no randomness.
 * @throws SeedError for the first problem in the file (with `--strict`, also for warnings).
 */
export function parseArticleFile(
  bytes: Uint8Array,
  file: string,
  options: ParseOptions = {},
): {documents: ArticleDocuments; warnings: SeedWarning[]} {
  const text = decodeArticleBytes(bytes, file)
  const {article, warnings} = parseArticle(text, file)
  const first = warnings[0]
  if (options.strict && first) throw warningToError(first)
  const documents = buildDocuments(article)
  validateDocuments(documents)
  return {documents, warnings}
}
