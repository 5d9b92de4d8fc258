import type {Paragraph, SectionModel} from './articleModel.ts'
import {matchHeading, withoutMarkdownMarks} from './headings.ts'
import {parseReadingItem} from './parseReadingItem.ts'
import {SeedError, seedWarning, type SeedWarning} from './seedError.ts'
import type {Block} from './splitLines.ts'

/** Headings are short: Forbes' longest is "What We Don't Know" (4 words, 18 characters). */
const HEADING_MAX_WORDS = 5
const HEADING_MAX_CHARS = 40
/** A bullet, with the direction mark text copied from a right-to-left page has before it: both are the marker. */
const BULLET = /^\p{Cf}*[•\-*▪·]\s+/u
const SENTENCE_END = /[.!?؟:;،,…"”»)\]]$/

function looksLikeHeading(block: Block, next: Block | undefined): boolean {
  const text = block[0]?.text ?? ''
  return (
    block.length === 1 &&
    next !== undefined &&
    !(next.length === 1 && matchHeading(next[0]?.text ?? '')) &&
    text.length <= HEADING_MAX_CHARS &&
    text.split(/\s+/).length <= HEADING_MAX_WORDS &&
    /\p{L}/u.test(text) &&
    !SENTENCE_END.test(text) &&
    !BULLET.test(text) &&
    !/^[\p{N}$€£]/u.test(text) &&
    !/https?:/i.test(text)
  )
}

/** How a list item is printed back (renderArticleText.ts): other markers, or marks before it, are not kept. */
const PRINTED_BULLET = '• '

/** The paragraphs of a block: bullet lines start list items, other lines continue the last one. */
function paragraphsOf(block: Block, onBullet: (marker: string, line: number) => void): Paragraph[] {
  const paragraphs: Paragraph[] = []
  let last: Paragraph | undefined
  for (const {text, line} of block) {
    const bullet = BULLET.exec(text)
    if (bullet) onBullet(bullet[0], line)
    if (bullet) {
      last = {line, text: text.slice(bullet[0].length), listItem: 'bullet'}
      paragraphs.push(last)
    } else if (last) {
      last.text += `\n${text}`
    } else {
      last = {line, text}
      paragraphs.push(last)
    }
  }
  return paragraphs
}

/**
 * Groups the blocks between the title and the source line into sections. A line that looks like
 * a heading but is not a known one starts a `custom` section and a warning.
 * @throws SeedError on text before the first heading, or a malformed "Further Reading" line.
 */
export function readSections(blocks: Block[], file: string, warnings: SeedWarning[]): SectionModel[] {
  const sections: SectionModel[] = []
  let current: SectionModel | undefined
  /** List items whose marker is not printed back as written (the first one is warned about: once per file is enough). */
  const otherMarkers: Array<{marker: string; line: number}> = []
  const onBullet = (marker: string, line: number) => {
    if (marker !== PRINTED_BULLET) otherMarkers.push({marker, line})
  }
  blocks.forEach((block, index) => {
    const first = block[0]
    if (!first) return
    const kind = block.length === 1 ? matchHeading(first.text) : null
    if (kind) {
      current = {kind, ...headingOf(first.text), line: first.line, paragraphs: [], readings: []}
      sections.push(current)
      return
    }
    if (current?.kind !== 'furtherReading' && looksLikeHeading(block, blocks[index + 1])) {
      warnings.push(
        seedWarning(
          file,
          first.line,
          `"${first.text}" looks like a heading but is not a Forbes one; it was kept as a "custom" section. Use a known heading such as "Key Background", or end the line with a period if it is a paragraph`,
        ),
      )
      current = {kind: 'custom', ...headingOf(first.text), line: first.line, paragraphs: [], readings: []}
      sections.push(current)
      return
    }
    if (!current) {
      // "Topline: The market fell…": a heading and its text on one line.
      const glued = /^([^:：]{1,60}?)\s*[:：]\s*\S/.exec(first.text)?.[1]
      if (glued && matchHeading(glued)) {
        throw new SeedError(file, first.line, `the heading "${glued}" and its text are on one line; put the heading on a line of its own, then a blank line, then the text`)
      }
      throw new SeedError(file, first.line, 'this text comes before the first section heading; put a heading such as "Topline" above it')
    }
    if (current.kind === 'furtherReading') {
      for (const line of block) {
        const bullet = BULLET.exec(line.text)
        if (bullet) onBullet(bullet[0], line.line)
        const text = bullet ? line.text.slice(bullet[0].length) : line.text
        const item = parseReadingItem({text, line: line.line}, file, bullet ? 'bullet' : undefined)
        current.readings.push(item)
        current.paragraphs.push(item)
      }
      return
    }
    current.paragraphs.push(...paragraphsOf(block, onBullet))
  })
  const [otherMarker] = otherMarkers
  if (otherMarker) {
    const {marker, line} = otherMarker
    warnings.push(seedWarning(file, line, `list items are printed back with "${PRINTED_BULLET.trim()}", not "${marker.trim()}": write them that way to keep the text as it is`))
  }
  return sections
}

/** A section's heading from its line: without Markdown marks, and the line as written when it had some. */
function headingOf(written: string): {heading: string; writtenHeading?: string} {
  const heading = withoutMarkdownMarks(written)
  return heading === written ? {heading} : {heading, writtenHeading: written}
}
