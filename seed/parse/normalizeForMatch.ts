/**
 * Folds the spellings machine translation and keyboards produce into one key, so that
 * "Key Facts:", "KEY FACTS" and "key facts", or "الحقائق الرئيسية" with and without hamza,
 * taa marbuta or diacritics, compare equal. Used for headings, labels and publisher names.
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u06D6-\u06ED]/g, '')
    .replace(/\u0640/g, '')
    .replace(/[\u0623\u0625\u0622\u0671]/g, '\u0627')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0649/g, '\u064A')
    .replace(/['’‘`´]/g, '')
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
