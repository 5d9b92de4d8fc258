import type {ArticleDocument, SourceDocument} from './documentTypes.ts'

/**
 * Writes an article back in the text format it was parsed from, from the stored documents only.
 * Paragraph text comes out exactly as stored; the layout is the canonical one: blank lines
 * between blocks, consecutive list items on consecutive lines with "• ", a big number as
 * "<display>. <caption>", and the closing "Source:" ("المصدر:" in Arabic) line.
 */
export function renderArticleText(article: ArticleDocument, originalSource: SourceDocument | undefined): string {
  const blocks: string[] = [article.title]
  for (const section of article.sections) {
    blocks.push(section.heading)
    let list: string[] = []
    for (const item of section.body) {
      if (item._type === 'block' && item.listItem) {
        list.push(`• ${item.children.map((span) => span.text).join('')}`)
        continue
      }
      if (list.length > 0) blocks.push(list.join('\n'))
      list = []
      blocks.push(item._type === 'bigNumber' ? `${item.display}. ${item.caption}` : item.children.map((span) => span.text).join(''))
    }
    if (list.length > 0) blocks.push(list.join('\n'))
  }
  if (originalSource?.url) blocks.push(`${article.language === 'ar' ? 'المصدر' : 'Source'}: ${originalSource.url}`)
  return blocks.join('\n\n')
}
