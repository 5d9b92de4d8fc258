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
