import {defineQuery} from 'groq'
import {articleCardFields, newestFirst} from './fragments.ts'

/**
 * Every article that has a slug and a language, newest first: the site's front page (grouped by
 * language), its sitemaps and the pages it prerenders. No params.
 */
export const articleIndexQuery = defineQuery(`
  *[_type == "article" && defined(slug.current) && defined(language)]
    | ${newestFirst}{
    ${articleCardFields}
  }
`)
