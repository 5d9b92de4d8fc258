import {TranslateIcon} from '@sanity/icons/Translate'
import {defineField, defineType} from 'sanity'
import {TRANSLATION_METHODS} from '../contentRules.ts'
import {LANGUAGES, languageTitle} from '../languages.ts'

function isTranslation(parent: unknown): boolean {
  return typeof parent === 'object' && parent !== null && 'isTranslation' in parent && parent.isTranslation === true
}

/** Where an article's text came from: written in its language, or translated (and how). */
export const translation = defineType({
  name: 'translation',
  title: 'Translation',
  type: 'object',
  icon: TranslateIcon,
  fields: [
    defineField({
      name: 'isTranslation',
      title: 'This article is a translation',
      type: 'boolean',
      initialValue: false,
      description: 'Readers are told when they read a translation, and how it was made.',
    }),
    defineField({
      name: 'fromLanguage',
      title: 'Translated from',
      type: 'string',
      options: {list: LANGUAGES},
      hidden: ({parent}) => !isTranslation(parent),
      validation: (rule) =>
        rule.custom((value, context) =>
          isTranslation(context.parent) && !value ? 'Choose the language the article was translated from.' : true,
        ),
    }),
    defineField({
      name: 'method',
      title: 'How it was translated',
      type: 'string',
      options: {list: [...TRANSLATION_METHODS], layout: 'radio'},
      hidden: ({parent}) => !isTranslation(parent),
      description: 'Choose “Machine translation, edited by a person” once an editor has reviewed a machine translation.',
      validation: (rule) =>
        rule.custom((value, context) =>
          isTranslation(context.parent) && !value ? 'Choose how the article was translated, or “Unknown”.' : true,
        ),
    }),
  ],
  preview: {
    select: {isTranslation: 'isTranslation', fromLanguage: 'fromLanguage', method: 'method'},
    prepare({isTranslation, fromLanguage, method}) {
      if (!isTranslation) return {title: 'Original, not a translation'}
      const methodTitle = TRANSLATION_METHODS.find((m) => m.value === method)?.title ?? 'Translation'
      return {title: methodTitle, subtitle: fromLanguage ? `from ${languageTitle(fromLanguage)}` : undefined}
    },
  },
})
