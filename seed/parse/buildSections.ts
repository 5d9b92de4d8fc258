import type {Paragraph, SectionModel} from './articleModel.ts'
import type {ArticleSection, BigNumberItem, LinkDefinition, TextBlock} from './documentTypes.ts'
import {itemKey} from './ids.ts'

// Object keys below are written in sorted order (`_key`, `_ref`, `_type`, then the others): the
// import hashes each field's canonical JSON, which `JSON.stringify` makes directly for sorted values.

function textBlock(articleId: string, path: string, paragraph: Paragraph, style: TextBlock['style'], href?: string): TextBlock {
  const markDefs: LinkDefinition[] = href ? [{_key: itemKey(articleId, `${path}.link`), _type: 'link', href}] : []
  return {
    _key: itemKey(articleId, path),
    _type: 'block',
    children: [
      {_key: itemKey(articleId, `${path}.span`), _type: 'span', marks: markDefs.map((d) => d._key), text: paragraph.text},
    ],
    ...(paragraph.listItem ? {level: 1, listItem: paragraph.listItem} : {}),
    markDefs,
    style,
  }
}

function bigNumberItems(articleId: string, path: string, section: SectionModel): BigNumberItem[] {
  const number = section.bigNumber
  if (!number) return []
  return [
    {
      _key: itemKey(articleId, path),
      _type: 'bigNumber',
      caption: number.caption,
      display: number.display,
      ...(number.scale ? {scale: number.scale} : {}),
      ...(number.unit ? {unit: number.unit} : {}),
      value: number.value,
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
    return {_key: itemKey(articleId, `s${s}`), _type: 'articleSection', body, heading: section.heading, kind: section.kind}
  })
}
