/**
 * The language of a text by its script: Arabic script gives `ar` (Persian and Urdu files say so
 * in their front matter), Latin gives `en`. Counts letters, so quotes in the other script do not flip it.
 */
export function detectLanguage(texts: string[]): string {
  let arabic = 0
  let latin = 0
  for (const text of texts) {
    arabic += text.match(/\p{Script=Arabic}/gu)?.length ?? 0
    latin += text.match(/\p{Script=Latin}/gu)?.length ?? 0
  }
  return arabic > latin ? 'ar' : 'en'
}
