import {defineQuery} from 'groq'
import {articleCardFields} from './fragments.ts'

/**
 * Articles that are based on a source or list it under Further Reading, newest first,
 * with how each one uses it. Params: `$sourceId`.
 */
export const articlesBySourceQuery = defineQuery(`
  *[_type == "article" && (originalSource._ref == $sourceId || $sourceId in furtherReading[]._ref)]
    | order(publishedAt desc, _id asc){
    ${articleCardFields},
    "isOriginalSource": originalSource._ref == $sourceId,
    "isFurtherReading": $sourceId in furtherReading[]._ref
  }
`)
