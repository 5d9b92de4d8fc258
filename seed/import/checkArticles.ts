import {parseArticleFile} from '../parse/parseArticleFile.ts'
import {SeedError, type SeedWarning} from '../parse/seedError.ts'
import {readArticleBytes} from './readArticleFiles.ts'

export interface CheckResult {
  errors: SeedError[]
  warnings: SeedWarning[]
}

/**
 * Parses and validates every file without keeping its documents (memory stays flat however many
 * files), and checks that no two files make the same article. Nothing is written.
 */
export async function checkArticles(
  files: string[],
  options: {strict?: boolean; onProgress?: (done: number, total: number) => void} = {},
): Promise<CheckResult> {
  const errors: SeedError[] = []
  const warnings: SeedWarning[] = []
  const articleFiles = new Map<string, string>()
  for (const [index, file] of files.entries()) {
    try {
      const {documents, warnings: found} = parseArticleFile(await readArticleBytes(file), file, {strict: options.strict})
      warnings.push(...found)
      const id = documents.article._id
      const other = articleFiles.get(id)
      if (other) {
        errors.push(new SeedError(file, 0, `makes the same article (${id}) as ${other}; give one of them another slug with a "slug:" front matter line, or remove it`))
      }
      articleFiles.set(id, file)
    } catch (error) {
      if (!(error instanceof SeedError)) throw error
      errors.push(error)
    }
    options.onProgress?.(index + 1, files.length)
  }
  return {errors, warnings}
}
