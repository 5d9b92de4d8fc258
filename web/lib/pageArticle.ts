/** The article type pages and components render. */
import type {StegaBranded} from 'next-sanity'
import type {ArticleBySlugQueryResult} from '../../sanity.types.ts'

/**
 * An article as the page query returns it: clean, or in draft mode with stega's edit info in its
 * visible strings. Compare values with literals through `stegaClean`, render them as they are.
 */
export type PageArticle = NonNullable<ArticleBySlugQueryResult | StegaBranded<ArticleBySlugQueryResult>>
