import {UserIcon} from '@sanity/icons/User'
import {defineField, defineType} from 'sanity'
import {SLUG_PATTERN, slugify} from '../contentRules.ts'

/** An author of articles. */
export const person = defineType({
  name: 'person',
  title: 'Person',
  type: 'document',
  icon: UserIcon,
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      validation: (rule) => rule.required().error('Give the person a name.'),
    }),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      description: 'Used in author page URLs: lowercase Latin letters, digits and hyphens, e.g. robert-hart.',
      options: {source: 'name', slugify},
      // One rule, not a list: each rule in a list repeats the slug type's own checks (uniqueness).
      validation: (rule) =>
        rule.custom((slug) => {
          if (!slug?.current) return 'Generate a slug from the name, or type one.'
          if (!SLUG_PATTERN.test(slug.current)) return 'Use only lowercase Latin letters, digits and single hyphens, e.g. robert-hart.'
          return true
        }),
    }),
    defineField({name: 'seedImport', title: 'Seed import', type: 'seedImport', hidden: true, readOnly: true}),
  ],
  orderings: [{title: 'Name', name: 'nameAsc', by: [{field: 'name', direction: 'asc'}]}],
  preview: {
    select: {title: 'name', subtitle: 'slug.current'},
  },
})
