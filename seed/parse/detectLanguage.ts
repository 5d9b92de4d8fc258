/**
 * Letters read to decide the script: a few paragraphs are plenty, and a bounded sample keeps
 * detection cheap however long the article is.
 */
const SAMPLE_CHARS = 4000

/** A web address in text (`https://…`, `www.…`) up to the next space. */
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)\S*/gi

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

/** Hebrew letters and points, and the Hebrew presentation forms. */
function isHebrew(code: number): boolean {
  return (code >= 0x0590 && code <= 0x05ff) || (code >= 0xfb1d && code <= 0xfb4f)
}

/**
 * Yeh and kaf as Persian and Urdu write them (ی U+06CC, ک U+06A9), against the Arabic forms
 * (ي U+064A, ك U+0643): an Arabic text has the latter, a Persian or Urdu one the former.
 */
const PERSIAN_FORMS = new Set([0x06cc, 0x06a9])
const ARABIC_FORMS = new Set([0x064a, 0x0643])
/** Letters of Urdu that Persian has not: ٹ ڈ ڑ ں ے ہ. */
const URDU_LETTERS = new Set([0x0679, 0x0688, 0x0691, 0x06ba, 0x06d2, 0x06c1])

/** Basic Latin letters and Latin-1 / Extended-A / Extended-B letters. */
function isLatin(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)
}

/**
 * The first SAMPLE_CHARS characters of `texts`, text by text, with web addresses blanked: they
 * are Latin whatever the language around them, so neither their letters nor their words count.
 */
function samplesOf(texts: string[]): string[] {
  const samples: string[] = []
  let budget = SAMPLE_CHARS
  for (const text of texts) {
    if (budget <= 0) break
    samples.push(text.slice(0, budget).replace(WEB_ADDRESS, ' '))
    budget -= Math.min(text.length, budget)
  }
  return samples
}

/**
 * The language of a text by its script: Arabic script gives `ar`, or `fa` / `ur` when it spells
 * yeh and kaf as Persian and Urdu do (Urdu by the letters only it has), Hebrew gives `he`, Latin
 * `en`. Counts letters, so quotes in another script do not flip it. A front matter `language:`
 * line overrides it.
 */
export function detectLanguage(texts: string[]): string {
  let arabic = 0
  let latin = 0
  let hebrew = 0
  let persianForms = 0
  let arabicForms = 0
  let urdu = 0
  for (const sample of samplesOf(texts)) {
    const end = sample.length
    for (let i = 0; i < end; i++) {
      const code = sample.charCodeAt(i)
      if (isArabic(code)) {
        arabic++
        if (PERSIAN_FORMS.has(code)) persianForms++
        else if (ARABIC_FORMS.has(code)) arabicForms++
        else if (URDU_LETTERS.has(code)) urdu++
      } else if (isLatin(code)) latin++
      else if (isHebrew(code)) hebrew++
    }
  }
  if (hebrew > arabic && hebrew > latin) return 'he'
  if (arabic <= latin) return 'en'
  if (persianForms <= arabicForms) return 'ar'
  // Urdu's own letters are frequent (ے ends most plurals and verbs): a few in a hundred letters.
  return urdu * 50 >= arabic ? 'ur' : 'fa'
}

/**
 * Short words each language writes in every sentence. English text has few of the others' and
 * the others few of English's (words two lists share, such as "de", count for both).
 */
const FUNCTION_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'for', 'with', 'was', 'said', 'are', 'has', 'have', 'this', 'from', 'by', 'it', 'its'],
  fr: ['le', 'la', 'les', 'des', 'et', 'est', 'une', 'du', 'dans', 'que', 'pour', 'sur', 'au', 'aux', 'qui', 'pas', 'il', 'été'],
  es: ['el', 'los', 'las', 'del', 'y', 'una', 'por', 'con', 'que', 'para', 'según', 'su', 'se', 'al', 'es', 'en'],
  pt: ['o', 'os', 'as', 'do', 'da', 'dos', 'das', 'em', 'uma', 'não', 'com', 'por', 'para', 'que', 'foi'],
  it: ['il', 'di', 'che', 'della', 'per', 'una', 'non', 'sono', 'con', 'gli', 'nel', 'ha', 'è'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'den', 'dem', 'von', 'zu', 'ein', 'eine', 'auf', 'für', 'sich', 'wird'],
  tr: ['ve', 'bir', 'bu', 'için', 'ile', 'olarak', 'çok', 'daha', 'gibi', 'olan', 'da', 'de', 'yüzde'],
  nl: ['het', 'een', 'van', 'en', 'de', 'niet', 'met', 'voor', 'zijn', 'op', 'dat', 'werd'],
}
const LANGUAGE_NAMES: Record<string, string> = {fr: 'French', es: 'Spanish', pt: 'Portuguese', it: 'Italian', de: 'German', tr: 'Turkish', nl: 'Dutch'}
/** The languages whose function word each word is. */
const WORD_LANGUAGES = new Map<string, string[]>()
for (const [code, words] of Object.entries(FUNCTION_WORDS)) for (const word of words) WORD_LANGUAGES.set(word, [...(WORD_LANGUAGES.get(word) ?? []), code])
const LONGEST_FUNCTION_WORD = Math.max(...[...WORD_LANGUAGES.keys()].map((word) => word.length))
/** A Latin letter with an accent (Latin-1 Supplement and Latin Extended-A and -B, less × and ÷). */
const ACCENTED = /[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]/
/** Words in Latin letters (the function words are all in them). */
const WORD = /[A-Za-z\u00C0-\u024F]+/g
/**
 * English function words after which a text is English: another language would need three times
 * as many function words of its own in the same few thousand characters.
 */
const ENGLISH_SETTLES = 30
/** Enough words of another language, against few of English, to tell the text is not English. */
const OTHER_MIN = 6

/**
 * The language a text in Latin script reads as when it is not English (French, Spanish, German,
 * Turkish, …), by its function words, or undefined when it reads as English or cannot be told.
 * detectLanguage tells scripts apart only: it takes any Latin text for English.
 */
export function otherLatinLanguage(texts: string[]): {code: string; name: string} | undefined {
  // French, Spanish, German, Turkish… text has letters with accents; English text, a few names at most.
  if (!texts.some((text) => ACCENTED.test(text.slice(0, SAMPLE_CHARS)))) return undefined
  const counts = new Map<string, number>()
  for (const sample of samplesOf(texts)) {
    WORD.lastIndex = 0
    for (let found = WORD.exec(sample); found; found = WORD.exec(sample)) {
      // Function words are short: a longer word needs no lookup.
      if (found[0].length > LONGEST_FUNCTION_WORD) continue
      for (const code of WORD_LANGUAGES.get(found[0].toLowerCase()) ?? []) counts.set(code, (counts.get(code) ?? 0) + 1)
      // Past this many English ones, no other language can reach three times as many in the sample.
      if ((counts.get('en') ?? 0) >= ENGLISH_SETTLES) return undefined
    }
  }
  const english = counts.get('en') ?? 0
  const [code, count] = [...counts].filter(([c]) => c !== 'en').sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  const name = LANGUAGE_NAMES[code]
  return name && count >= OTHER_MIN && count > 3 * english ? {code, name} : undefined
}
