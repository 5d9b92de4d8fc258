import {ComposeIcon} from '@sanity/icons/Compose'
import {DocumentsIcon} from '@sanity/icons/Documents'
import {LinkIcon} from '@sanity/icons/Link'
import {PublishIcon} from '@sanity/icons/Publish'
import {SearchIcon} from '@sanity/icons/Search'
import {defineArrayMember, defineField, defineType} from 'sanity'
import {LANGUAGES, languageTitle} from '../languages.ts'
import {HEADLINE_WARNING_LENGTH, isDigitsOnlySlug, SLUG_PATTERN, slugify, TRANSLATION_METHODS} from '../contentRules.ts'
import {articleSlugSource, isUniqueArticleSlug} from '../slug.ts'
import {directionFor} from '../../studio/direction.ts'
import {directionOf, isolate} from '../../studio/bidi.ts'

/** Search engines show about this many characters of a description. */
const DESCRIPTION_MAX = 160

function isTranslation(translation: unknown): boolean {
  return (
    typeof translation === 'object' &&
    translation !== null &&
    'isTranslation' in translation &&
    translation.isTranslation === true
  )
}

/** A news explainer in the Forbes house format, in one language. */
export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  icon: ComposeIcon,
  groups: [
    {name: 'content', title: 'Content', icon: ComposeIcon, default: true},
    {name: 'sources', title: 'Sources', icon: LinkIcon},
    {name: 'publishing', title: 'Publishing', icon: PublishIcon},
    {name: 'seo', title: 'SEO', icon: SearchIcon},
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: ['content', 'seo'],
      validation: (rule) => [
        rule.required().error('Give the article its headline.'),
        rule.max(HEADLINE_WARNING_LENGTH).warning(`Headlines over ${HEADLINE_WARNING_LENGTH} characters are cut off in lists and search results.`),
      ],
    }),
    defineField({
      name: 'language',
      title: 'Language',
      type: 'string',
      group: 'content',
      description: 'The language the article is written in. Arabic, Persian, Hebrew and Urdu are edited right to left.',
      options: {list: LANGUAGES},
      validation: (rule) => rule.required().error('Choose the language the article is written in.'),
    }),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      group: ['content', 'seo'],
      description:
        'The URL name: lowercase Latin letters, digits and hyphens. A translation keeps the original article’s slug (“Generate” takes it from the original source URL), so each language version shares one slug. Arabic, Persian, Hebrew and Urdu titles are not transliterated: for an original article in those languages, type a short English slug by hand.',
      options: {source: articleSlugSource, slugify, isUnique: isUniqueArticleSlug},
      // One rule, not a list: each rule in a list repeats the slug type's own checks (uniqueness).
      validation: (rule) =>
        rule.custom((slug, context) => {
          if (!slug?.current) {
            // “Generate” leaves right-to-left titles empty: say why, and what to type instead.
            const rtlOriginal =
              directionFor(context.document?.language) === 'rtl' && !isTranslation(context.document?.translation)
            return rtlOriginal
              ? 'Arabic, Persian, Hebrew and Urdu titles are not turned into slugs: type a short English one, e.g. north-korea-denies-selling-weapons.'
              : 'Generate the slug, or type one in lowercase Latin letters, digits and hyphens.'
          }
          if (!SLUG_PATTERN.test(slug.current)) {
            return 'Use only lowercase Latin letters, digits and single hyphens, e.g. north-korea-denies-selling-weapons.'
          }
          if (isDigitsOnlySlug(slug.current)) {
            return 'A slug of numbers alone says nothing in a URL: add words, e.g. nato-spending-rises-3-1-percent.'
          }
          return true
        }),
    }),
    defineField({
      name: 'sections',
      title: 'Sections',
      type: 'array',
      group: 'content',
      description: 'In reading order, as printed: usually Topline first and Further Reading last.',
      of: [defineArrayMember({type: 'articleSection'})],
      validation: (rule) => rule.required().min(1).error('Add at least one section, usually the Topline.'),
    }),
    defineField({
      name: 'originalSource',
      title: 'Original source',
      type: 'reference',
      group: 'sources',
      description: 'The article this one is based on; for a translation, the article it was translated from.',
      to: [{type: 'source'}],
      validation: (rule) =>
        rule.custom((value, context) =>
          !value && isTranslation(context.document?.translation)
            ? 'A translation must link to the article it was translated from.'
            : true,
        ),
    }),
    defineField({
      name: 'translation',
      title: 'Translation',
      type: 'translation',
      group: 'sources',
      initialValue: {isTranslation: false},
      validation: (rule) => rule.required().error('Say whether the article is a translation.'),
    }),
    defineField({
      name: 'furtherReading',
      title: 'Further reading',
      type: 'array',
      group: 'sources',
      description: 'Related pages listed under “Further Reading”, in the printed order.',
      of: [defineArrayMember({type: 'reference', to: [{type: 'source'}]})],
      validation: (rule) => rule.unique().error('Each source should be listed once.'),
    }),
    defineField({
      name: 'authors',
      title: 'Authors',
      type: 'array',
      group: 'publishing',
      of: [defineArrayMember({type: 'reference', to: [{type: 'person'}]})],
      validation: (rule) => rule.unique().error('Each author should be listed once.'),
    }),
    defineField({
      name: 'publisher',
      title: 'Publisher',
      type: 'reference',
      group: 'publishing',
      to: [{type: 'publisher'}],
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published at',
      type: 'datetime',
      group: 'publishing',
      description: 'When readers first saw the article; lists sort by it, newest first.',
      validation: (rule) => rule.required().warning('Set the publication date, or the article sorts last.'),
    }),
    defineField({
      name: 'updatedAt',
      title: 'Updated at',
      type: 'datetime',
      group: 'publishing',
      description: 'When the text last changed in a way readers should know about; add a correction to say what changed.',
      validation: (rule) =>
        rule.custom((updatedAt, context) => {
          const publishedAt = context.document?.publishedAt
          if (typeof updatedAt !== 'string' || typeof publishedAt !== 'string') return true
          return Date.parse(updatedAt) >= Date.parse(publishedAt)
            ? true
            : 'The update time cannot be earlier than the publication time.'
        }),
    }),
    defineField({
      name: 'corrections',
      title: 'Corrections',
      type: 'array',
      group: 'publishing',
      description: 'Shown to readers at the end of the article, oldest first.',
      of: [defineArrayMember({type: 'correction'})],
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 3,
      group: 'seo',
      description: `One or two sentences for search results and link previews; about ${DESCRIPTION_MAX} characters show.`,
      validation: (rule) =>
        rule.max(DESCRIPTION_MAX).warning(`Search engines cut descriptions after about ${DESCRIPTION_MAX} characters.`),
    }),
    defineField({name: 'seedImport', title: 'Seed import', type: 'seedImport', hidden: true, readOnly: true}),
  ],
  orderings: [
    {title: 'Published, newest first', name: 'publishedAtDesc', by: [{field: 'publishedAt', direction: 'desc'}]},
    {title: 'Title', name: 'titleAsc', by: [{field: 'title', direction: 'asc'}]},
  ],
  preview: {
    select: {
      title: 'title',
      language: 'language',
      isTranslation: 'translation.isTranslation',
      method: 'translation.method',
      fromLanguage: 'translation.fromLanguage',
      publishedAt: 'publishedAt',
    },
    prepare({title, language, isTranslation, method, fromLanguage, publishedAt}) {
      const methodTitle = TRANSLATION_METHODS.find((m) => m.value === method)?.title ?? 'Translation'
      const origin = isTranslation
        ? `${methodTitle}${fromLanguage ? ` from ${languageTitle(fromLanguage)}` : ''}`
        : 'Original'
      const status = publishedAt ? String(publishedAt).slice(0, 10) : 'Not published'
      return {
        // Isolated in the article's direction: the pane header and tab title show it inside English.
        title: title ? isolate(String(title), directionOf(String(title), language)) : 'Untitled article',
        subtitle: [language ? String(language).toUpperCase() : 'No language', origin, status].join(' · '),
        media: DocumentsIcon,
      }
    },
  },
})
