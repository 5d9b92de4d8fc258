import type {Template} from 'sanity'

export const ARTICLE_IN_LANGUAGE_TEMPLATE = 'article-in-language'

/** New articles created from a language list start in that language. */
export const articleInLanguage: Template = {
  id: ARTICLE_IN_LANGUAGE_TEMPLATE,
  title: 'Article in a language',
  schemaType: 'article',
  parameters: [{name: 'language', type: 'string'}],
  value: (parameters: {language?: string}) => ({
    language: parameters.language,
    translation: {isTranslation: false},
  }),
}
