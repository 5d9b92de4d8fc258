/** A big number as the content model stores it (`bigNumber` minus `_type` and `_key`). */
export interface BigNumberValue {
  value: number
  display: string
  unit?: string
  scale?: string
  caption: string
}

/** How the number was separated from its explanation; only `.` gives back the printed text. */
export type BigNumberSeparator = '.' | ':' | ' '

const DIGITS = '[0-9\\u0660-\\u0669\\u06F0-\\u06F9]'
/**
 * Thousands separators: a comma, the Arabic one (٬), or a space as French and some Arabic text
 * write `300 000` (plain, no-break, narrow no-break or thin). Read without them, `300 000` was 300.
 */
const THOUSANDS = '[,\\u066C \\u00A0\\u202F\\u2009]'
const THOUSANDS_SEPARATORS = new RegExp(THOUSANDS, 'g')
const SCALES: Record<string, string> = {
  thousand: 'thousand',
  million: 'million',
  billion: 'billion',
  trillion: 'trillion',
  'ألف': 'thousand',
  'آلاف': 'thousand',
  'مليون': 'million',
  'ملايين': 'million',
  'مليار': 'billion',
  'مليارات': 'billion',
  'بليون': 'billion',
  'تريليون': 'trillion',
}
const CURRENCY_SIGNS: Record<string, string> = {$: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP'}
const CURRENCY_WORDS: Record<string, string> = {
  dollars: 'USD',
  'دولار': 'USD',
  'دولارا': 'USD',
  'دولاراً': 'USD',
  'دولارًا': 'USD',
  'دولارات': 'USD',
  euros: 'EUR',
  'يورو': 'EUR',
}

const alternatives = (words: string[]): string => words.sort((a, b) => b.length - a.length).join('|').replace(/\$/g, '\\$')

/**
 * The number as printed at the start of a paragraph (direction marks before it kept in its display,
 * so that it is printed back as written): an optional `~`, minus, currency sign or percent sign
 * (Arabic machine translation moves signs to the other side of the digits: `%45`, `799$`), digits
 * (Western, Arabic-Indic or Persian) with thousands separators and decimals, an optional percent
 * sign, currency sign, scale word and currency word; then an optional sentence period and the explanation.
 */
const BIG_NUMBER = new RegExp(
  `^(?<display>\\p{Cf}*(?:~\\s?)?(?<minus>[-\u2212])?(?<sign>${alternatives(Object.keys(CURRENCY_SIGNS))})?(?<percentBefore>[%\\u066A])?\\s?` +
    `(?<digits>${DIGITS}{1,3}(?:${THOUSANDS}${DIGITS}{3})+(?!${DIGITS})|${DIGITS}+)(?<decimals>[.\\u066B]${DIGITS}+)?` +
    `(?<percent>\\s?[%\\u066A])?` +
    `(?:\\s?(?<signAfter>${alternatives(Object.keys(CURRENCY_SIGNS))}))?` +
    `(?:\\s(?<scale>${alternatives(Object.keys(SCALES))}))?` +
    `(?:\\s(?<word>${alternatives(Object.keys(CURRENCY_WORDS))}))?)` +
    `(?<sep>[.:])?(?=\\s|$)(?<rest>[\\s\\S]*)$`,
  'iu',
)

/**
 * Words between the number and the period that ends it ("1 in 4.", "$1 billion-plus.",
 * "45 مليار جنيه إسترليني."): a few words at most, or the period ends a sentence, not the number.
 */
const DISPLAY_TAIL = /^(?<tail>[^\S\n][^.\n]{1,40}?)\.(?<caption>[^\S\n][\s\S]*\S[\s\S]*)$/u
const DISPLAY_TAIL_MAX_WORDS = 4

/** Western digits for Arabic-Indic (٠-٩) and Persian (۰-۹) ones. */
export function toWesternDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf))
}

/**
 * Reads a big number at the start of a paragraph ("3. That's…", "$1.2 billion. That's…", "٤٥٪ من…").
 * `value` is the number without its scale ("$1.2 billion" is 1.2 with scale "billion"), following the
 * content model. Returns null when the paragraph does not start with a number.
 */
export function parseBigNumber(paragraph: string): {bigNumber: BigNumberValue; separator: BigNumberSeparator} | null {
  const groups = BIG_NUMBER.exec(paragraph)?.groups
  if (!groups?.display || !groups.digits) return null
  const western = toWesternDigits(`${groups.digits.replace(THOUSANDS_SEPARATORS, '')}${(groups.decimals ?? '').replace('\u066B', '.')}`)
  const value = groups.minus ? -Number(western) : Number(western)
  const result: BigNumberValue = {value, display: groups.display, caption: (groups.rest ?? '').trim()}
  const unit = groups.percent || groups.percentBefore
    ? 'percent'
    : (CURRENCY_SIGNS[groups.sign ?? groups.signAfter ?? ''] ?? CURRENCY_WORDS[(groups.word ?? '').toLowerCase()])
  if (unit) result.unit = unit
  const scale = SCALES[(groups.scale ?? '').toLowerCase()]
  if (scale) result.scale = scale
  if (groups.sep === '.' || groups.sep === ':') return {bigNumber: result, separator: groups.sep}
  // The number goes on in words the pattern does not know: they are part of what is printed,
  // up to the period, so that "<display>. <caption>" gives back the paragraph as written.
  const tail = DISPLAY_TAIL.exec(groups.rest ?? '')?.groups
  if (tail?.tail && tail.caption && tail.tail.trim().split(/\s+/).length <= DISPLAY_TAIL_MAX_WORDS) {
    return {bigNumber: {...result, display: `${groups.display}${tail.tail}`, caption: tail.caption.trim()}, separator: '.'}
  }
  return {bigNumber: result, separator: ' '}
}
