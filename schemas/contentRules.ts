/**
 * Rules of the content model that the Studio's validation and the seed's check share, so both
 * refuse the same things. Pure data: the seed (`seed/parse/`) imports it under plain Node.
 */

/** Our frontend URLs use lowercase Latin letters, digits and single hyphens only. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** How a translated article was translated (`translation.method`), with the Studio's titles. */
export const TRANSLATION_METHODS = [
  {title: 'Machine translation', value: 'machine'},
  {title: 'Human translation', value: 'human'},
  {title: 'Machine translation, edited by a person', value: 'postEdited'},
  {title: 'Unknown', value: 'unknown'},
] as const

export type TranslationMethod = (typeof TRANSLATION_METHODS)[number]['value']

/** Whether `value` is one of the translation methods. */
export function isTranslationMethod(value: unknown): value is TranslationMethod {
  return TRANSLATION_METHODS.some((method) => method.value === value)
}

/** Headlines longer than this are cut off in lists and search results: the Studio and the seed warn. */
export const HEADLINE_WARNING_LENGTH = 120

/**
 * Languages that write a decimal comma and group thousands with a period ("1.200 Stellen" is 1200,
 * "1,5 Milliarden" 1.5 billion): the seed reads their big numbers that way, and the Studio's
 * display/value check agrees with it.
 */
export const DECIMAL_COMMA_LANGUAGES: ReadonlySet<string> = new Set([
  'fr', 'es', 'pt', 'it', 'de', 'tr', 'nl', 'da', 'sv', 'nb', 'no', 'fi', 'pl', 'cs', 'sk', 'ro', 'hu', 'el', 'ru', 'uk', 'bg', 'hr', 'sl', 'sr', 'id', 'vi',
])

/**
 * A number written in a decimal-comma language, with the marks English uses (`,` between
 * thousands, `.` before decimals), character for character: "1.200" and "1,200" are 1,200,
 * "1,5" and "61.5" keep their decimals (machine translation often keeps English marks), and
 * "1.234,5" takes its last mark for the decimal one. A single mark is a thousands mark only before
 * exactly three digits and after a whole part that is not 0 ("0,125" is a decimal).
 */
export function withEnglishMarks(number: string): string {
  const last = Math.max(number.lastIndexOf('.'), number.lastIndexOf(','))
  if (last < 0) return number
  const mark = number[last] ?? ''
  const mixed = number.includes('.') && number.includes(',')
  const single = number.indexOf(mark) === last
  const decimalAt = mixed || (single && (number.length - last - 1 !== 3 || /^[0٠۰][.,]/u.test(number))) ? last : -1
  let out = ''
  for (let i = 0; i < number.length; i++) {
    const char = number[i] ?? ''
    out += i === decimalAt ? '.' : char === '.' || char === ',' ? ',' : char
  }
  return out
}

/** Every number in `text` with English marks (withEnglishMarks); the text keeps its length. */
export function numbersWithEnglishMarks(text: string): string {
  return text.replace(/[\d\u0660-\u0669\u06F0-\u06F9]+(?:[.,][\d\u0660-\u0669\u06F0-\u06F9]+)+/gu, withEnglishMarks)
}

/** The primary language subtag of a BCP 47 tag (`ar` of `ar-EG`, `en` of `EN_gb`), or '' when it is none. */
export function primaryLanguage(tag: unknown): string {
  return typeof tag === 'string' ? (tag.trim().toLowerCase().split(/[-_]/)[0] ?? '') : ''
}

/** Whether an article in `language` (a BCP 47 tag) writes a decimal comma. */
export function writesDecimalComma(language: unknown): boolean {
  return DECIMAL_COMMA_LANGUAGES.has(primaryLanguage(language))
}

/** Long enough for Forbes slugs (the seed's is 75 characters), short enough for a URL. */
const MAX_SLUG_LENGTH = 96

/** Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹, Persian and Urdu) digits as 0-9. */
function westernDigits(input: string): string {
  return input.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
}

/** A slug that names something: at least one Latin letter (`3-1` says nothing in a URL). */
const HAS_LETTER = /[a-z]/

/** Whether a slug is only digits and hyphens, e.g. `3-1`: never generated, refused by validation. */
export function isDigitsOnlySlug(slug: string): boolean {
  return slug !== '' && !HAS_LETTER.test(slug)
}

/**
 * Turns text into a slug of [a-z0-9-]: accents are dropped, Arabic-script digits become 0-9,
 * everything else becomes a hyphen. Arabic, Persian, Hebrew and Urdu letters are not
 * transliterated, so an Arabic title gives '' — also when it holds a number: the digits alone
 * (`3-1` from “… 3.1% …”) would make a slug that says nothing, so the editor types one instead.
 */
export function slugify(input: string): string {
  const slug = westernDigits(input)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, '')
  return isDigitsOnlySlug(slug) ? '' : slug
}
