import {HEADINGS, SECTION_KINDS, type SectionKind} from '../../schemas/sectionHeadings.ts'
import {normalizeForMatch} from './normalizeForMatch.ts'

// The vocabulary lives with the schemas, which fill headings from it in the Studio.
export {HEADINGS, SECTION_KINDS, type ArticleSectionKind, type SectionKind} from '../../schemas/sectionHeadings.ts'

const BY_KEY = new Map<string, SectionKind>()
for (const kind of SECTION_KINDS) {
  for (const name of [...HEADINGS[kind].en, ...HEADINGS[kind].ar]) BY_KEY.set(normalizeForMatch(name), kind)
}

/**
 * Short lines already looked up: parsing asks about a line more than once, and headings recur in
 * every file. Cleared when full, so it stays small however many files are read.
 */
const LOOKED_UP = new Map<string, SectionKind | null>()
const LOOKED_UP_MAX = 4096

/**
 * A heading as the vocabulary spells it: Persian yeh and kaf (ی ک, which Persian keyboards type
 * in Arabic text) as the Arabic letters, a zero-width space between words as a space. Only for
 * headings: normalizeForMatch also makes source ids, which must not change.
 */
function headingSpelling(line: string): string {
  return line.replace(/\u06CC/g, '\u064A').replace(/\u06A9/g, '\u0643').replace(/\u200B/g, ' ')
}

/** The section kind a line announces, or null when it is not a known heading. */
export function matchHeading(line: string): SectionKind | null {
  if (line.length > 60) return null
  let kind = LOOKED_UP.get(line)
  if (kind === undefined) {
    kind = BY_KEY.get(normalizeForMatch(headingSpelling(line))) ?? null
    if (LOOKED_UP.size >= LOOKED_UP_MAX) LOOKED_UP.clear()
    LOOKED_UP.set(line, kind)
  }
  return kind
}

/**
 * A title or heading line without the Markdown marks machine translation sometimes adds:
 * `## Topline` (and a closing `##`), `**Topline**`, `__Topline__`. Other text is returned as it is.
 */
export function withoutMarkdownMarks(line: string): string {
  const first = line.charCodeAt(0)
  // '#', '*', '_': most lines have none of the marks.
  if (first !== 0x23 && first !== 0x2a && first !== 0x5f) return line
  let text = line.replace(/^#{1,6}[ \t]+/, '')
  if (text !== line) text = text.replace(/[ \t]+#+$/, '')
  const wrapped = /^(\*\*|__)(.+)\1$/.exec(text)
  const inner = wrapped?.[2]?.trim()
  if (wrapped && inner && !inner.includes(wrapped[1] ?? '')) text = inner
  return text
}
