/**
 * Letters read to decide the script: a few paragraphs are plenty, and a bounded sample keeps
 * detection cheap however long the article is.
 */
const SAMPLE_CHARS = 4000

/** Arabic script blocks (Arabic, Supplement, Extended-A, Presentation Forms A and B). */
function isArabic(code: number): boolean {
  return (
    (code >= 0x0600 && code <= 0x06ff) ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0x08a0 && code <= 0x08ff) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfeff)
  )
}

/** Basic Latin letters and Latin-1 / Extended-A / Extended-B letters. */
function isLatin(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
}

/**
 * The language of a text by its script: Arabic script gives `ar` (Persian and Urdu files say so
 * in their front matter), Latin gives `en`. Counts letters, so quotes in the other script do not flip it.
 */
export function detectLanguage(texts: string[]): string {
  let arabic = 0
  let latin = 0
  let budget = SAMPLE_CHARS
  for (const text of texts) {
    const end = Math.min(text.length, budget)
    for (let i = 0; i < end; i++) {
      const code = text.charCodeAt(i)
      if (isArabic(code)) arabic++
      else if (isLatin(code)) latin++
    }
    budget -= end
    if (budget <= 0) break
  }
  return arabic > latin ? 'ar' : 'en'
}
