/** Diacritics (harakat, superscript alef, Quranic marks), tatweel and apostrophes: dropped. */
const DROPPED = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640'’‘`´]/g
/** Hamza and wasla forms of alef, taa marbuta and alef maqsura: folded to the plain letter. */
const FOLDED = /[\u0623\u0625\u0622\u0671\u0629\u0649]/g
const FOLDS: Record<string, string> = {'\u0623': '\u0627', '\u0625': '\u0627', '\u0622': '\u0627', '\u0671': '\u0627', '\u0629': '\u0647', '\u0649': '\u064A'}
/**
 * Invisible format characters (RLM, LRM, ALM, zero-width joiners, bidi isolates and embeddings):
 * dropped. Text copied out of right-to-left pages carries them around words and at line starts,
 * and they change neither what a heading says nor which label a line has.
 */
const FORMAT = /\p{Cf}/gu
/** Runs of punctuation, symbols and white space: one space. */
const SEPARATORS = /[\p{P}\p{S}\s]+/gu

/**
 * Folds the spellings machine translation and keyboards produce into one key, so that
 * "Key Facts:", "KEY FACTS" and "key facts", or "الحقائق الرئيسية" with and without hamza,
 * taa marbuta, diacritics or a right-to-left mark, compare equal. Used for headings, labels and publisher names.
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(DROPPED, '')
    .replace(FORMAT, '')
    .replace(FOLDED, (letter) => FOLDS[letter] ?? letter)
    .replace(SEPARATORS, ' ')
    .trim()
}
