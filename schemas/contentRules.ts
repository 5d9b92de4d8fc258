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
