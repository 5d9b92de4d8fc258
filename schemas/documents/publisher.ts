import {CaseIcon} from '@sanity/icons/Case'
import {defineArrayMember, defineField, defineType} from 'sanity'

/** A news organisation that publishes sources and articles, e.g. Forbes. */
export const publisher = defineType({
  name: 'publisher',
  title: 'Publisher',
  type: 'document',
  icon: CaseIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'The name in its usual (Latin) spelling, e.g. Forbes.',
      validation: (rule) => rule.required().error('Give the publisher a name, e.g. Forbes.'),
    }),
    defineField({
      name: 'url',
      title: 'Website',
      type: 'url',
      validation: (rule) =>
        rule.uri({scheme: ['http', 'https']}).error('Enter the full address, starting with https://.'),
    }),
    defineField({
      name: 'aliases',
      title: 'Other names',
      type: 'array',
      description:
        'How the name is written in other languages or scripts, e.g. فوربس; the import uses them to recognise the publisher.',
      of: [defineArrayMember({type: 'string'})],
      validation: (rule) => rule.unique().error('Each name should be listed once.'),
    }),
    defineField({name: 'seedImport', title: 'Seed import', type: 'seedImport', hidden: true, readOnly: true}),
  ],
  orderings: [{title: 'Name', name: 'nameAsc', by: [{field: 'name', direction: 'asc'}]}],
  preview: {
    select: {name: 'name', url: 'url', aliases: 'aliases'},
    prepare({name, url, aliases}) {
      const other = Array.isArray(aliases) ? aliases.join(', ') : ''
      return {title: name || 'Unnamed publisher', subtitle: [url, other].filter(Boolean).join(' · ')}
    },
  },
})
