import {defineQuery} from 'groq'
import {articleCardFields, newestFirst} from './fragments.ts'

/**
 * Articles that are based on a source or list it under Further Reading, newest first,
 * with how each one uses it. Params: `$sourceId`. An article without further reading has no
 * `furtherReading` field (the seed leaves empty arrays out), and `in` over null is null, not false.
 */
export const articlesBySourceQuery = defineQuery(`
  *[_type == "article" && (originalSource._ref == $sourceId || $sourceId in furtherReading[]._ref)]
    | ${newestFirst}{
    ${articleCardFields},
    "isOriginalSource": originalSource._ref == $sourceId,
    "isFurtherReading": $sourceId in coalesce(furtherReading[]._ref, [])
  }
`)
