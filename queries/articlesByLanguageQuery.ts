import {defineQuery} from 'groq'
import {articleCardFields, newestFirst} from './fragments.ts'

/**
 * A page of articles in one language, newest first, undated ones last, ties by id so pages never
 * overlap. Params: `$language`, `$start` (inclusive), `$end` (exclusive), e.g. 0 and 20.
 */
export const articlesByLanguageQuery = defineQuery(`
  *[_type == "article" && language == $language]
    | ${newestFirst} [$start...$end]{
    ${articleCardFields}
  }
`)
