import {directionFor, type Direction} from './direction.ts'

/** Unicode directional isolates: right-to-left, left-to-right, first-strong, and their end (PDI). */
export const RLI = '\u2067'
export const LRI = '\u2066'
export const FSI = '\u2068'
export const PDI = '\u2069'
/** Invisible strong characters: right-to-left and left-to-right marks. */
export const RLM = '\u200F'
export const LRM = '\u200E'

/**
 * What opens an isolated text. A mark leads the isolate because an isolate's content is invisible
 * to the first-strong rule: previews shown with `unicode-bidi: plaintext` take their direction
 * from the mark.
 */
const OPENERS: Record<Direction, string> = {rtl: RLM + RLI, ltr: LRM + LRI, auto: FSI}
/** Letters of the right-to-left scripts (digits, also Arabic-Indic ones, are weak and do not count). */
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u
const LETTER = /\p{L}/u

/**
 * The direction of a text from its first strong character, as `dir="auto"` decides it:
 * `rtl` when its first letter is Arabic, Hebrew and the like, `ltr` for any other first letter,
 * `auto` when it has no letter at all (only digits, punctuation or spaces).
 */
export function textDirection(text: string): Direction {
  for (const char of text) {
    if (!LETTER.test(char)) continue
    return RTL_LETTER.test(char) ? 'rtl' : 'ltr'
  }
  return 'auto'
}

/**
 * A direction from the language when it is known, else from the text's first strong character.
 */
export function directionOf(text: string, language?: unknown): Direction {
  const fromLanguage = directionFor(language)
  return fromLanguage === 'auto' ? textDirection(text) : fromLanguage
}

/**
 * Wraps a text shown inside left-to-right interface text (pane headers, the browser tab title)
 * in a Unicode isolate, so `(UN)؟`, `NATO:` or `3.1%` keep their places whatever surrounds them:
 * RLM RLI…PDI for right-to-left, LRM LRI…PDI for left-to-right, FSI…PDI (first strong
 * character) when the direction is unknown. Only preview titles get it: stored values never do.
 */
export function isolate(text: string, direction: Direction = 'auto'): string {
  if (text === '') return text
  return `${OPENERS[direction]}${text}${PDI}`
}
