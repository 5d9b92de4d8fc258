import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {defineField, defineType} from 'sanity'
import {directionOf, isolate} from '../../studio/bidi.ts'
import {SectionHeadingInput} from '../../studio/SectionHeadingInput.tsx'
import {SECTION_KINDS, type ArticleSectionKind} from '../sectionHeadings.ts'

/** The Studio's title of each section kind (the kinds themselves are sectionHeadings.ts's). */
const KIND_TITLES: Record<ArticleSectionKind, string> = {
  topline: 'Topline',
  keyFacts: 'Key facts',
  keyBackground: 'Key background',
  bigNumber: 'Big number',
  crucialQuote: 'Crucial quote',
  tangent: 'Tangent',
  whatToWatchFor: 'What to watch for',
  surprisingFact: 'Surprising fact',
  chiefCritic: 'Chief critic',
  contra: 'Contra',
  newsPeg: 'News peg',
  whatWeDontKnow: 'What we don’t know',
  furtherReading: 'Further reading',
  custom: 'Custom',
}

/** The Forbes explainer sections, in the order they usually appear, then `custom`. */
const KIND_OPTIONS = [...SECTION_KINDS, 'custom' as const].map((value) => ({title: KIND_TITLES[value], value}))

/** The title of a section kind for previews, or the value itself when it is not a known kind. */
export function sectionKindTitle(kind: string | undefined): string {
  return KIND_OPTIONS.find((k) => k.value === kind)?.title ?? kind ?? 'Section'
}

function hasBigNumber(body: unknown): boolean {
  return Array.isArray(body) && body.some((item) => item?._type === 'bigNumber')
}

function kindOf(section: unknown): unknown {
  return typeof section === 'object' && section !== null && 'kind' in section ? section.kind : undefined
}

/** One section of an explainer: what kind it is, its heading as printed, and its body. */
export const articleSection = defineType({
  name: 'articleSection',
  title: 'Section',
  type: 'object',
  icon: DocumentTextIcon,
  fields: [
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      description: 'Which Forbes section this is; frontends style sections by kind, whatever the heading says.',
      options: {list: KIND_OPTIONS},
      validation: (rule) => rule.required().error('Choose the kind of section, or “Custom”.'),
    }),
    defineField({
      name: 'heading',
      title: 'Heading',
      type: 'string',
      description:
        'The heading exactly as printed in the article’s language, e.g. “Key Facts” or “\u2067حقائق رئيسية\u2069”. Choosing the kind fills it in, in the article’s language (Arabic or English); edit it to match the print.',
      components: {input: SectionHeadingInput},
      validation: (rule) => rule.required().error('Give the section its heading as printed.'),
    }),
    defineField({
      name: 'body',
      title: 'Body',
      type: 'articleBody',
      validation: (rule) => [
        rule.required().min(1).error('A section needs some text.'),
        rule
          .custom((body, context) => {
            if (kindOf(context.parent) === 'bigNumber' && !hasBigNumber(body)) {
              return 'A “Big number” section should start with a big number item.'
            }
            return true
          })
          .warning(),
      ],
    }),
  ],
  preview: {
    select: {heading: 'heading', kind: 'kind'},
    prepare({heading, kind}) {
      const title = heading ? isolate(String(heading), directionOf(String(heading))) : sectionKindTitle(kind)
      return {title, subtitle: sectionKindTitle(kind)}
    },
  },
})
