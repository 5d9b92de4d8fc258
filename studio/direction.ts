/** Text direction for the HTML `dir` attribute. */
import {primaryLanguage} from '../schemas/contentRules.ts'
import {LANGUAGES} from '../schemas/languages.ts'

export type Direction = 'ltr' | 'rtl' | 'auto'

/**
 * Right-to-left scripts by BCP 47 primary language subtag: the four the newsroom edits
 * (ar, fa, he, ur) and the other common ones, so a new language list entry just works.
 */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb'])

/** Left-to-right languages the model offers (its list less the right-to-left ones); anything else we do not recognise gets `auto`. */
export const LTR_LANGUAGES: ReadonlySet<string> = new Set(LANGUAGES.map((language) => language.value).filter((code) => !RTL_LANGUAGES.has(code)))

/**
 * The `dir` for text written in a BCP 47 language tag: `rtl` for Arabic-script and Hebrew
 * languages (any region, e.g. `ar-EG`), `ltr` for the known Latin-script ones, and `auto`
 * (the browser decides from the text) when the language is empty or unknown.
 */
export function directionFor(language: unknown): Direction {
  const primary = primaryLanguage(language)
  if (RTL_LANGUAGES.has(primary)) return 'rtl'
  if (LTR_LANGUAGES.has(primary)) return 'ltr'
  return 'auto'
}
