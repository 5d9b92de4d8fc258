import {defineQuery} from 'groq'
import {bigNumberFields, newestFirst} from './fragments.ts'

/**
 * Every big number in every article, in reading order within each article, newest article
 * first, each with the article it belongs to. No params.
 */
export const bigNumbersQuery = defineQuery(`
  *[_type == "article" && count(sections[].body[_type == "bigNumber"]) > 0]
    | ${newestFirst}{
    "items": sections[]{
      "items": body[_type == "bigNumber"]{
        ${bigNumberFields},
        "sectionKind": ^.kind,
        "article": ^.^{_id, title, "slug": slug.current, language}
      }
    }.items[]
  }.items[]
`)
