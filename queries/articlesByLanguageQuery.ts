import {defineQuery} from 'groq'
import {articleCardFields} from './fragments.ts'

/**
 * A page of articles in one language, newest first (ties and undated articles by id, so pages
 * never overlap). Params: `$language`, `$start` (inclusive), `$end` (exclusive), e.g. 0 and 20.
 */
export const articlesByLanguageQuery = defineQuery(`
  *[_type == "article" && language == $language]
    | order(publishedAt desc, _id asc) [$start...$end]{
    ${articleCardFields}
  }
`)
