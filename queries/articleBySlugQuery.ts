import {defineQuery} from 'groq'
import {articleCardFields, personFields, publisherFields, sourceFields} from './fragments.ts'

/**
 * One article, everything a page needs, by slug and language: a translation shares its
 * original's slug, so the language picks the version. Params: `$slug`, `$language`.
 */
export const articleBySlugQuery = defineQuery(`
  *[_type == "article" && slug.current == $slug && language == $language][0]{
    ${articleCardFields},
    sections[]{
      _key,
      kind,
      heading,
      body
    },
    "originalSource": originalSource->{${sourceFields}},
    "furtherReading": furtherReading[]->{${sourceFields}},
    "authors": authors[]->{${personFields}},
    "publisher": publisher->{${publisherFields}},
    corrections[]{
      _key,
      date,
      kind,
      text
    }
  }
`)
