import {EditIcon} from '@sanity/icons/Edit'
import {defineField, defineType} from 'sanity'
import {directionOf, isolate} from '../../studio/bidi.ts'

export const CORRECTION_KINDS = [
  {title: 'Correction', value: 'correction'},
  {title: 'Clarification', value: 'clarification'},
  {title: 'Update', value: 'update'},
]

/** Today's date in the editor's time zone, as a `date` field stores it (YYYY-MM-DD). */
export function today(now: Date = new Date()): string {
  const pad = (part: number) => String(part).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** A dated note shown to readers at the end of the article when it was changed after publishing. */
export const correction = defineType({
  name: 'correction',
  title: 'Correction',
  type: 'object',
  icon: EditIcon,
  fields: [
    defineField({
      name: 'date',
      title: 'Date',
      type: 'date',
      description: 'The day the change was made (today unless you change it); readers see it next to the note.',
      initialValue: () => today(),
      validation: (rule) => rule.required().error('Give the date of the correction.'),
    }),
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      initialValue: 'correction',
      options: {list: CORRECTION_KINDS, layout: 'radio', direction: 'horizontal'},
      validation: (rule) => rule.required().error('Choose whether this is a correction, a clarification or an update.'),
    }),
    defineField({
      name: 'text',
      title: 'Text',
      type: 'text',
      rows: 3,
      description: 'Shown to readers as written: say what was wrong and what is right now.',
      validation: (rule) => rule.required().error('Write the note readers will see.'),
    }),
    defineField({
      name: 'revision',
      title: 'Revision',
      type: 'string',
      readOnly: true,
      description:
        'The published revision (_rev) this note corrects; filled in when the correction is added while publishing.',
    }),
  ],
  preview: {
    select: {date: 'date', kind: 'kind', text: 'text'},
    prepare({date, kind, text}) {
      const kindTitle = CORRECTION_KINDS.find((k) => k.value === kind)?.title ?? 'Correction'
      const subtitle = text ? isolate(String(text), directionOf(String(text))) : undefined
      return {title: `${kindTitle}${date ? `, ${date}` : ''}`, subtitle}
    },
  },
})
