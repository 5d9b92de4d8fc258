import type {ArticleSectionKind} from './headings.ts'
import type {BigNumberValue} from './parseBigNumber.ts'
import type {FrontMatter} from './parseFrontMatter.ts'
import type {SourceUrlInfo} from './parseSourceUrl.ts'

/** A paragraph or list item as written, with the line it starts on. */
export interface Paragraph {
  line: number
  /** The text exactly as written (lines trimmed, joined with `\n`), without a bullet marker. */
  text: string
  listItem?: 'bullet'
}

/** A "Further Reading" line: `Title (Publisher)`, optionally with a URL. */
export interface ReadingItem extends Paragraph {
  title: string
  publisherName?: string
  url?: string
}

export interface SectionModel {
  kind: ArticleSectionKind
  heading: string
  /** The heading line as written, only when it had Markdown marks `heading` is without (`## Topline`). */
  writtenHeading?: string
  line: number
  /** Only in a "Big Number" section: the number the section opens with. */
  bigNumber?: BigNumberValue
  paragraphs: Paragraph[]
  /** Only in a "Further Reading" section: its lines, also present as `paragraphs`. */
  readings: ReadingItem[]
}

/** An article file as read, before it becomes Sanity documents. */
export interface ArticleModel {
  file: string
  title: string
  language: string
  frontMatter: FrontMatter
  sections: SectionModel[]
  source: SourceUrlInfo
}
