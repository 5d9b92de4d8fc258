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

/**
 * `text` without the characters at its end that `isTrimmed` accepts, tested one code point at a
 * time. Linear, where a regex such as `/[…]+$/` is quadratic: on a long run of those characters
 * that does not reach the end, it tries the run again from each of its positions (a line of
 * 65,536 dashes took over a minute).
 */
export function trimEndWhere(text: string, isTrimmed: (char: string) => boolean): string {
  let end = text.length
  while (end > 0) {
    const low = text.charCodeAt(end - 1)
    const size = end > 1 && low >= 0xdc00 && low <= 0xdfff && isHighSurrogate(text.charCodeAt(end - 2)) ? 2 : 1
    if (!isTrimmed(text.slice(end - size, end))) break
    end -= size
  }
  return text.slice(0, end)
}

/** `text` without the characters at either end that `isTrimmed` accepts (see `trimEndWhere`). */
export function trimWhere(text: string, isTrimmed: (char: string) => boolean): string {
  let start = 0
  while (start < text.length) {
    const size = isHighSurrogate(text.charCodeAt(start)) && start + 1 < text.length ? 2 : 1
    if (!isTrimmed(text.slice(start, start + size))) break
    start += size
  }
  return trimEndWhere(text.slice(start), isTrimmed)
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
