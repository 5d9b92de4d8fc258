/**
 * The queries the Studio's own code runs (slug source and uniqueness, the desk's languages).
 * TypeGen reads this file too (sanity.cli.ts), so their results are typed in sanity.types.ts.
 */
import {defineQuery} from 'groq'

/** The URL of a source document (an article's slug source: the original article's slug). */
export const sourceUrlQuery = defineQuery('*[_id == $id][0].url')

/**
 * True when no other article of the language has the slug; the article's own draft, published
 * copy and release versions do not count.
 */
export const articleSlugIsFreeQuery = defineQuery(
  `!defined(*[_type == "article" && !(_id in [$draft, $published]) && !(_id in path("versions.**"))
      && slug.current == $slug && language == $language][0]._id)`,
)

/** The languages articles are written in. */
export const articleLanguagesQuery = defineQuery('array::unique(*[_type == "article" && defined(language)].language)')
