import {CaseIcon} from '@sanity/icons/Case'
import {ComposeIcon} from '@sanity/icons/Compose'
import {LinkIcon} from '@sanity/icons/Link'
import {UserIcon} from '@sanity/icons/User'
import type {StructureBuilder, StructureResolver} from 'sanity/structure'
import {LANGUAGES, languageTitle} from '../schemas/languages.ts'
import {articleLanguagesQuery} from './studioQueries.ts'
import {ARTICLE_IN_LANGUAGE_TEMPLATE} from './templates.ts'

const API_VERSION = '2025-02-19'
const NEWEST_FIRST = [{field: 'publishedAt', direction: 'desc' as const}]

/** Languages that articles are written in, known ones in list order, then any others. */
export function orderLanguages(present: readonly unknown[]): string[] {
  const codes = [...new Set(present.filter((code): code is string => typeof code === 'string' && code !== ''))]
  const rank = (code: string) => {
    const index = LANGUAGES.findIndex((language) => language.value === code)
    return index === -1 ? LANGUAGES.length : index
  }
  return codes.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
}

function articlesInLanguage(S: StructureBuilder, language: string) {
  const title = languageTitle(language)
  return S.listItem()
    .id(`articles-${language}`)
    .title(title)
    .icon(ComposeIcon)
    .child(
      S.documentTypeList('article')
        .id(`articles-${language}`)
        .title(`Articles in ${title}`)
        .filter('_type == "article" && language == $lang')
        .params({lang: language})
        // A list with its own filter queries with its own client: without a version the Studio
        // warns every time the list is built.
        .apiVersion(API_VERSION)
        .defaultOrdering(NEWEST_FIRST)
        .initialValueTemplates([S.initialValueTemplateItem(ARTICLE_IN_LANGUAGE_TEMPLATE, {language})]),
    )
}

/**
 * The desk: articles grouped by the languages they are written in, then sources, publishers
 * and people. The language lists are read from the dataset each time the pane opens.
 */
export const structure: StructureResolver = (S, context) =>
  S.list()
    .title('Content')
    .items([
      S.listItem()
        .id('articles')
        .title('Articles')
        .icon(ComposeIcon)
        .child(async () => {
          const client = context.getClient({apiVersion: API_VERSION})
          const present = await client
            .fetch(articleLanguagesQuery)
            .catch(() => LANGUAGES.map((language) => language.value))
          return S.list()
            .id('articles')
            .title('Articles by language')
            .items([
              S.listItem()
                .id('articles-all')
                .title('All articles')
                .icon(ComposeIcon)
                .child(S.documentTypeList('article').id('articles-all').title('All articles').defaultOrdering(NEWEST_FIRST)),
              S.divider(),
              ...orderLanguages(present).map((language) => articlesInLanguage(S, language)),
            ])
        }),
      S.divider(),
      S.documentTypeListItem('source').title('Sources').icon(LinkIcon),
      S.documentTypeListItem('publisher').title('Publishers').icon(CaseIcon),
      S.documentTypeListItem('person').title('People').icon(UserIcon),
    ])
