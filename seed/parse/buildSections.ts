import type {Paragraph, SectionModel} from './articleModel.ts'
import type {ArticleSection, BigNumberItem, LinkDefinition, TextBlock} from './documentTypes.ts'
import {itemKey} from './ids.ts'

function textBlock(articleId: string, path: string, paragraph: Paragraph, style: TextBlock['style'], href?: string): TextBlock {
  const markDefs: LinkDefinition[] = href ? [{_type: 'link', _key: itemKey(articleId, `${path}.link`), href}] : []
  return {
    _type: 'block',
    _key: itemKey(articleId, path),
    style,
    ...(paragraph.listItem ? {listItem: paragraph.listItem, level: 1} : {}),
    markDefs,
    children: [
      {_type: 'span', _key: itemKey(articleId, `${path}.span`), text: paragraph.text, marks: markDefs.map((d) => d._key)},
    ],
  }
}

function bigNumberItems(articleId: string, path: string, section: SectionModel): BigNumberItem[] {
  const number = section.bigNumber
  if (!number) return []
  return [
    {
      _type: 'bigNumber',
      _key: itemKey(articleId, path),
      value: number.value,
      display: number.display,
      ...(number.unit ? {unit: number.unit} : {}),
      ...(number.scale ? {scale: number.scale} : {}),
      caption: number.caption,
    },
  ]
}

/**
 * The `sections` of an article: each paragraph becomes a Portable Text block holding its text
 * exactly as written; a "Big Number" section opens with its `bigNumber` item; "Crucial Quote"
 * paragraphs are quotes; "Further Reading" lines with a URL carry a link.
 */
export function buildSections(articleId: string, sections: SectionModel[]): ArticleSection[] {
  return sections.map((section, s) => {
    const style = section.kind === 'crucialQuote' ? 'blockquote' : 'normal'
    const body = [
      ...bigNumberItems(articleId, `s${s}.number`, section),
      ...section.paragraphs.map((paragraph, p) => {
        const href = section.readings.find((item) => item === paragraph)?.url
        return textBlock(articleId, `s${s}.p${p}`, paragraph, style, href)
      }),
    ]
    return {_type: 'articleSection', _key: itemKey(articleId, `s${s}`), kind: section.kind, heading: section.heading, body}
  })
}
