/**
 * The analyzer behind `text::query()`: folds the spellings readers and editors use for the same
 * word into one, and gives each Arabic word the forms it takes without a leading conjunction,
 * preposition or article. `match` without `text::query()` keeps GROQ's own meaning.
 *
 * Folding: case; diacritics and harakat (compatibility decomposition, then combining marks
 * dropped, which also turns أ إ آ into ا and ؤ ئ into و ي); ٱ → ا, ة → ه, ى → ي, Persian ی ک →
 * ي ك; tatweel dropped; Arabic-Indic and Persian digits → 0-9.
 */

const FOLDS: Record<string, string> = {'\u0671': 'ا', 'ة': 'ه', 'ى': 'ي', '\u06CC': 'ي', '\u06A9': 'ك', '\u0640': ''}
const FOLDED = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu')
const ARABIC_INDIC_ZERO = 0x0660
const PERSIAN_ZERO = 0x06f0
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/gu
/** A word: letters and digits. */
export const WORD = /[\p{L}\p{N}]+/gu
/** A clitic is only taken off a word that keeps at least this many letters: `ولد` stays a word. */
const MIN_STEM = 3
/** Clitics a word may lose in a row: a conjunction, a preposition and the article (`وبالصين` → `صين`). */
const MAX_CLITICS = 3
/** Leading clitics: conjunctions (و ف), prepositions (ب ل ك), the article (ال), and ل + ال (لل). */
const CLITICS: Array<[prefix: string, replacement: string]> = [
  ['و', ''],
  ['ف', ''],
  ['ب', ''],
  ['ل', ''],
  ['ك', ''],
  ['ال', ''],
  ['لل', 'ال'],
]

/** `text` folded as described above (no tokenising). */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(FOLDED, (char) => FOLDS[char] ?? char)
    .replace(DIGITS, (digit) => {
      const code = digit.codePointAt(0) ?? 0
      return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO))
    })
}

/** The folded words of `text`, in order. */
export function words(text: string): string[] {
  return foldText(text).match(WORD) ?? []
}

/**
 * A folded word and the forms it takes without its leading clitics: `والصين` gives `والصين`,
 * `الصين`, `صين`; `للصين` gives `للصين`, `الصين`, `صين`. At most MAX_CLITICS come off, so a long
 * run of letters that look like clitics (`ببببب…`) gives a few forms, not one per letter.
 */
export function wordForms(word: string): string[] {
  const forms = new Set([word])
  let level = [word]
  for (let depth = 0; depth < MAX_CLITICS && level.length > 0; depth++) {
    const next: string[] = []
    for (const form of level) {
      for (const [prefix, replacement] of CLITICS) {
        const stem = form.slice(prefix.length)
        const stripped = replacement + stem
        if (form.startsWith(prefix) && stem.length >= MIN_STEM && !forms.has(stripped)) {
          forms.add(stripped)
          next.push(stripped)
        }
      }
    }
    level = next
  }
  return [...forms]
}
