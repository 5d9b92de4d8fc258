/** One line of the article with its 1-based number in the file, trimmed. */
export interface Line {
  text: string
  line: number
}

/** A run of non-blank lines: a title, a heading or a paragraph. */
export type Block = Line[]

/**
 * Blank to the eye: white space and invisible format characters only. Text copied from a
 * right-to-left page has empty lines holding a direction mark (RLM) or a zero-width space.
 */
const BLANK = /^[\s\p{Cf}]*$/u

/**
 * Splits text into blocks separated by blank lines, trimming each line. Repeated blank lines
 * and lines of white space or invisible marks only count as one separator.
 */
export function splitBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = []
  let current: Block = []
  for (const line of lines) {
    if (BLANK.test(line.text)) {
      if (current.length > 0) blocks.push(current)
      current = []
    } else {
      current.push(line)
    }
  }
  if (current.length > 0) blocks.push(current)
  return blocks
}

/** Numbers and trims the lines of a text, starting at `firstLine`. */
export function toLines(text: string, firstLine = 1): Line[] {
  return text.split('\n').map((raw, index) => ({text: raw.trim(), line: firstLine + index}))
}
