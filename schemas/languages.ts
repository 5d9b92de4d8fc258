/**
 * Languages an article or a source can be written in, as BCP 47 primary tags.
 * The list drives the `language` dropdowns and the Studio's per-language article lists.
 */
export const LANGUAGES = [
  {title: 'Arabic (العربية)', value: 'ar'},
  {title: 'English', value: 'en'},
  {title: 'Persian (فارسی)', value: 'fa'},
  {title: 'Hebrew (עברית)', value: 'he'},
  {title: 'Urdu (اردو)', value: 'ur'},
  {title: 'French (Français)', value: 'fr'},
  {title: 'Spanish (Español)', value: 'es'},
  {title: 'German (Deutsch)', value: 'de'},
  {title: 'Portuguese (Português)', value: 'pt'},
  {title: 'Italian (Italiano)', value: 'it'},
  {title: 'Turkish (Türkçe)', value: 'tr'},
  {title: 'Dutch (Nederlands)', value: 'nl'},
]

/** The title of a language code for previews, or the code itself when it is not in the list. */
export function languageTitle(code: string | undefined): string {
  if (!code) return 'No language'
  return LANGUAGES.find((language) => language.value === code)?.title ?? code
}
