import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'
import {LANGUAGES} from '../languages.ts'
import {directionOf, isolate} from '../../studio/bidi.ts'

/** A published web page an article is based on or points readers to. */
export const source = defineType({
  name: 'source',
  title: 'Source',
  type: 'document',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'The headline of the linked page, as the article cites it.',
      validation: (rule) => rule.required().error('Give the source its title.'),
    }),
    defineField({
      name: 'url',
      title: 'URL',
      type: 'url',
      description: 'Articles sometimes cite a page by title only (“Further Reading”); add the address when you find it.',
      // Optional on purpose; a second (warning) rule would repeat the url type's own scheme check.
      validation: (rule) =>
        rule.uri({scheme: ['http', 'https']}).error('Enter the full address of the page, starting with https://.'),
    }),
    defineField({name: 'publisher', title: 'Publisher', type: 'reference', to: [{type: 'publisher'}]}),
    defineField({
      name: 'author',
      title: 'Author',
      type: 'string',
      description: 'As credited on the page; leave empty when it is not known.',
    }),
    defineField({name: 'publishedAt', title: 'Published at', type: 'datetime'}),
    defineField({
      name: 'language',
      title: 'Language',
      type: 'string',
      description: 'The language of the linked page, which may differ from the article’s.',
      options: {list: LANGUAGES},
    }),
    defineField({name: 'seedImport', title: 'Seed import', type: 'seedImport', hidden: true, readOnly: true}),
  ],
  orderings: [
    {title: 'Title', name: 'titleAsc', by: [{field: 'title', direction: 'asc'}]},
    {title: 'Published, newest first', name: 'publishedAtDesc', by: [{field: 'publishedAt', direction: 'desc'}]},
  ],
  preview: {
    select: {title: 'title', publisher: 'publisher.name', url: 'url', language: 'language'},
    prepare({title, publisher, url, language}) {
      return {
        title: title ? isolate(String(title), directionOf(String(title), language)) : url || 'Untitled source',
        subtitle: publisher ? isolate(String(publisher), directionOf(String(publisher))) : url,
      }
    },
  },
})
