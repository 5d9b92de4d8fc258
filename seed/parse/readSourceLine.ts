import {normalizeForMatch} from './normalizeForMatch.ts'
import {addressOf, isUrlEndPunctuation, parseHttpUrl, parseSourceUrl, type SourceUrlInfo} from './parseSourceUrl.ts'
import {SeedError} from './seedError.ts'
import {trimEndWhere, type Line} from './splitLines.ts'

/** The labels of the closing source line, compared after `normalizeForMatch`. */
const SOURCE_LABELS = new Set(
  [
    'Source',
    'Sources',
    'Original source',
    'Original article',
    'المصدر',
    'مصدر',
    'المصدر الأصلي',
    'المقال الأصلي',
    // Persian, Urdu, Hebrew
    'منبع',
    'ماخذ',
    'מקור',
  ].map(normalizeForMatch),
)

/** The label each language's articles are printed back with; others get `Source`. */
const PRINTED_LABELS: Record<string, string> = {ar: 'المصدر', fa: 'منبع', ur: 'ماخذ', he: 'מקור'}

/**
 * The closing line as the article is printed back (renderArticleText.ts): one label per language,
 * whichever of SOURCE_LABELS the file had.
 */
export function printedSourceLine(language: string, url: string): string {
  return `${PRINTED_LABELS[language] ?? 'Source'}: ${url}`
}

const SOURCE_LINE = /^([^:：]{1,30}?)\s*[:：]\s*(.*)$/
/** Direction marks and other invisible format characters around the URL (text copied from a right-to-left page). */
const LEADING_MARKS = /^[\p{Cf}\s]+/u
const MARK = /^[\p{Cf}\s]$/u
const isMark = (char: string): boolean => MARK.test(char)

/** True when the line is `Source: …` or `المصدر: …`, whatever follows the colon. */
export function isSourceLine(text: string): boolean {
  const label = SOURCE_LINE.exec(text)?.[1]
  return label !== undefined && SOURCE_LABELS.has(normalizeForMatch(label))
}

/**
 * A source line among the article's text: the label and at most one word after it (a URL, or what
 * was meant as one). "Source: a person familiar with the talks said…" is a sentence of the article.
 */
export function isSourceLineInText(text: string): boolean {
  return isSourceLine(text) && !/\s/.test(trimEndWhere(SOURCE_LINE.exec(text)?.[2] ?? '', isMark))
}

/**
 * Reads the closing source line.
 * @throws SeedError when the URL is missing or not an absolute http(s) address.
 */
export function readSourceLine({text, line}: Line, file: string): SourceUrlInfo {
  const after = SOURCE_LINE.exec(text)?.[2] ?? ''
  const start = after.replace(LEADING_MARKS, '')
  // Marks and sentence punctuation after the address, in any order (`…/slug/.‏`), then what
  // surrounds it (`<https://…>`, `https://… (Forbes)`, `…/slug/)`).
  const raw = addressOf(trimEndWhere(start, (char) => isMark(char) || isUrlEndPunctuation(char)))
  const column = text.length - start.length + 1
  if (raw === '') {
    throw new SeedError(file, line, 'the source line has no URL; write the address of the original article, e.g. "Source: https://www.forbes.com/sites/…"', column)
  }
  const url = parseHttpUrl(raw)
  if (!url) {
    throw new SeedError(file, line, `"${raw}" is not a web address; write the full URL of the original article, starting with https://`, column)
  }
  return parseSourceUrl(url, raw)
}
