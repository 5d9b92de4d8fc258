import {defineQuery} from 'groq'
import {articleCardFields, newestFirst, personFields, publisherFields} from './fragments.ts'

/**
 * The newest articles of one language with their authors and publisher: what RSS, Atom and
 * JSON Feed entries need. Params: `$language`, `$limit` (e.g. 50).
 */
export const articleFeedQuery = defineQuery(`
  *[_type == "article" && language == $language && defined(slug.current)]
    | ${newestFirst} [0...$limit]{
    ${articleCardFields},
    "authors": authors[]->{${personFields}},
    "publisher": publisher->{${publisherFields}}
  }
`)
