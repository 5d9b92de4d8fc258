/**
 * Reading the number in a big number's `display` and in what an editor types into `value`:
 * Western, Arabic-Indic (٠-٩) and Persian (۰-۹) digits, with the Arabic decimal (٫) and
 * thousands (٬) separators. Pure, for the schema's validation and the Studio's value input.
 */

import {numbersWithEnglishMarks, writesDecimalComma} from './contentRules.ts'

/** Arabic-Indic and Extended Arabic-Indic (Persian, Urdu) digits. */
const EASTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/g
/**
 * The first number in a text once its digits are Western: thousands groups, then decimals. Groups
 * may also be set apart by a space (`300 000`, as the seed reads them), unless a word or a hyphen
 * follows (`3 100-year floods` shows 3).
 */
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+(?:\.\d+)?(?![\p{L}\p{N}-])|\d+(?:\.\d+)?/u

/**
 * The text with Western digits, `.` for the Arabic decimal separator and `,` for the Arabic
 * thousands separator: what a number input understands.
 */
export function westernNumberText(text: string): string {
  return text
    .replace(EASTERN_DIGIT, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
    .replace(/\u066B/g, '.')
    .replace(/\u066C/g, ',')
}

/** Whether a text holds a digit a number input would refuse (Arabic-Indic or Persian) or an Arabic separator. */
export function hasEasternDigits(text: string): boolean {
  return /[\u0660-\u0669\u06F0-\u06F9\u066B\u066C]/.test(text)
}

/** A minus at the start of a display (after direction marks): “-3.5%”, “−$2 billion”. */
const LEADING_MINUS = /^[\p{Cf}\s]*[-\u2212]/u

/**
 * The number a display shows, e.g. 1.2 for “$1.2 billion”, 45 for “٤٥٪”, -3.5 for “-3.5%”, or
 * undefined when it has none.
 */
export function displayedNumber(display: unknown): number | undefined {
  if (typeof display !== 'string') return undefined
  const match = NUMBER.exec(westernNumberText(display))
  if (!match) return undefined
  const number = Number(match[0].replace(/[, \u00A0\u202F\u2009]/g, ''))
  return LEADING_MINUS.test(display) ? -number : number
}

/** What the `scale` field's words multiply by. */
const SCALE_FACTORS: Record<string, number> = {thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12}

/**
 * A warning for editors when `value` is not the number `display` shows, or undefined when they
 * agree, also through `scale` (or one of them is missing: other rules ask for those). In an article
 * whose `language` writes a decimal comma, the display is read that way too.
 */
export function valueMismatch(display: unknown, value: unknown, scale?: unknown, language?: unknown): string | undefined {
  const shown = displayedNumber(display)
  if (shown === undefined || typeof value !== 'number') return undefined
  // “300,000” may be stored as 300 with scale “thousand”.
  const factor = typeof scale === 'string' ? SCALE_FACTORS[scale] : undefined
  const agrees = (number: number | undefined) => number === value || (factor !== undefined && number === value * factor)
  if (agrees(shown)) return undefined
  // German, Spanish, French… write “1.200” for 1200 and “1,5” for 1.5 (as the seed reads them in those languages).
  if (writesDecimalComma(language) && agrees(displayedNumber(numbersWithEnglishMarks(String(display))))) return undefined
  return `The display shows ${shown} but the value is ${value}: make them the same number.`
}
