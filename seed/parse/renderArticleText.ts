import type {ArticleDocument, SourceDocument, TextBlock} from './documentTypes.ts'
import {printedSourceLine} from './readSourceLine.ts'

const spansText = (block: TextBlock): string => block.children.map((span) => span.text).join('')

/**
 * Writes an article back in the text format it was parsed from, from the stored documents only.
 * Paragraph text comes out exactly as stored; the layout is the canonical one: blank lines
 * between blocks, "Further Reading" items one per line (a bulleted one with "• "), consecutive list items on consecutive lines with "• ", a big number as
 * "<display>. <caption>", and the closing "Source:" ("المصدر:" in Arabic) line.
 */
export function renderArticleText(article: ArticleDocument, originalSource: SourceDocument | undefined): string {
  const blocks: string[] = [article.title]
  for (const section of article.sections) {
    blocks.push(section.heading)
    if (section.kind === 'furtherReading') {
      blocks.push(section.body.map((item) => (item._type !== 'block' ? '' : item.listItem ? `• ${spansText(item)}` : spansText(item))).join('\n'))
      continue
    }
    let list: string[] = []
    for (const item of section.body) {
      if (item._type === 'block' && item.listItem) {
        list.push(`• ${spansText(item)}`)
        continue
      }
      if (list.length > 0) blocks.push(list.join('\n'))
      list = []
      blocks.push(item._type === 'bigNumber' ? `${item.display}. ${item.caption}` : spansText(item))
    }
    if (list.length > 0) blocks.push(list.join('\n'))
  }
  if (originalSource?.url) blocks.push(printedSourceLine(article.language, originalSource.url))
  return blocks.join('\n\n')
}
