import {NumberIcon} from '@sanity/icons/Number'
import {defineField, defineType} from 'sanity'
import {directionOf, isolate} from '../../studio/bidi.ts'
import {BigNumberValueInput} from '../../studio/BigNumberValueInput.tsx'
import {valueMismatch} from '../bigNumberValue.ts'

/** Western, Arabic-Indic and Extended Arabic-Indic (Persian, Urdu) digits. */
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/

function parentField(parent: unknown, name: 'display' | 'scale'): unknown {
  if (typeof parent !== 'object' || parent === null) return undefined
  return Object.entries(parent).find(([key]) => key === name)?.[1]
}

/**
 * A number the article leads with ("Big Number" in the Forbes format): the machine-readable
 * `value`, the `display` exactly as printed, and the `caption` that explains it.
 */
export const bigNumber = defineType({
  name: 'bigNumber',
  title: 'Big number',
  type: 'object',
  icon: NumberIcon,
  fields: [
    defineField({
      name: 'display',
      title: 'Display',
      type: 'string',
      description:
        'The number exactly as readers see it, in the article’s own digits and format, e.g. 3, $1.2 billion or ٤٥٪.',
      validation: (rule) => [
        rule.required().error('Type the number as it should be printed, e.g. 3 or ٤٥٪.'),
        rule
          .custom((display) =>
            !display || DIGIT.test(display) ? true : 'The display should contain at least one digit.',
          )
          .warning(),
      ],
    }),
    defineField({
      name: 'value',
      title: 'Value',
      type: 'number',
      description:
        'The same number for machines, without its scale: “$1.2 billion” is 1.2 with scale “billion”, “٤٥٪” is 45 with unit “percent”. Arabic-Indic and Persian digits may be typed: they are stored as 0-9.',
      components: {input: BigNumberValueInput},
      validation: (rule) => [
        rule.required().error('Enter the number as a plain value, e.g. 3 or 1.2.'),
        rule.custom((value, context) => valueMismatch(parentField(context.parent, 'display'), value, parentField(context.parent, 'scale'), context.document?.language) ?? true).warning(),
      ],
    }),
    defineField({
      name: 'unit',
      title: 'Unit',
      type: 'string',
      description: 'Optional: what is counted, e.g. percent, USD, people. Leave empty for a plain count.',
    }),
    defineField({
      name: 'scale',
      title: 'Scale',
      type: 'string',
      description: 'Optional: the word that multiplies the value, as in “1.2 billion”.',
      options: {
        list: [
          {title: 'Thousand', value: 'thousand'},
          {title: 'Million', value: 'million'},
          {title: 'Billion', value: 'billion'},
          {title: 'Trillion', value: 'trillion'},
        ],
      },
    }),
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'text',
      rows: 3,
      description: 'The explanation that follows the number.',
      validation: (rule) => rule.required().warning('A big number needs a caption that says what it counts.'),
    }),
  ],
  preview: {
    select: {display: 'display', caption: 'caption'},
    prepare({display, caption}) {
      // The caption's language decides: ٤٥٪ reads right to left beside an Arabic caption.
      const dir = directionOf(String(caption ?? display ?? ''))
      return {
        title: display ? isolate(String(display), dir) : 'Big number',
        subtitle: caption ? isolate(String(caption), dir) : undefined,
      }
    },
  },
})
