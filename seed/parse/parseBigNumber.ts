import {withEnglishMarks} from '../../schemas/contentRules.ts'

/** A big number as the content model stores it (`bigNumber` minus `_type` and `_key`). */
export interface BigNumberValue {
  value: number
  display: string
  unit?: string
  scale?: string
  caption: string
}

/**
 * How the number was separated from its explanation; only `.` gives back the printed text (an
 * Urdu `۔`, a colon or a comma are printed back as `.`).
 */
export type BigNumberSeparator = '.' | ':' | '۔' | ',' | ' '

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
  'تريليونات': 'trillion',
  // The accusative Arabic uses after numbers from 11 to 99 ("40 ألفًا", "1.5 مليارًا"), with and without its tanween.
  'ألفا': 'thousand',
  'ألفًا': 'thousand',
  'ألفاً': 'thousand',
  'مليونا': 'million',
  'مليونًا': 'million',
  'مليوناً': 'million',
  'مليارا': 'billion',
  'مليارًا': 'billion',
  'ملياراً': 'billion',
  'بليونا': 'billion',
  'بليونًا': 'billion',
  'تريليونا': 'trillion',
  'تريليونًا': 'trillion',
  'تريليوناً': 'trillion',
  // French, Spanish, Portuguese, Italian, German, Turkish. A Spanish "billón" and a German
  // "Billion(en)" are a million millions: a trillion.
  millions: 'million',
  milliard: 'billion',
  milliards: 'billion',
  millón: 'million',
  millones: 'million',
  'mil millones': 'billion',
  billón: 'trillion',
  billones: 'trillion',
  milhão: 'million',
  milhões: 'million',
  bilhão: 'billion',
  bilhões: 'billion',
  milione: 'million',
  milioni: 'million',
  miliardo: 'billion',
  miliardi: 'billion',
  millionen: 'million',
  milliarde: 'billion',
  milliarden: 'billion',
  billionen: 'trillion',
  billions: 'billion',
  milyon: 'million',
  milyar: 'billion',
  trilyon: 'trillion',
  // German abbreviations: "5 Mrd. Euro", "3,2 Mio."
  'mrd.': 'billion',
  mrd: 'billion',
  'mio.': 'million',
  mio: 'million',
  'bio.': 'trillion',
  'tsd.': 'thousand',
  // Persian, Urdu, Hebrew
  'هزار': 'thousand',
  'میلیون': 'million',
  'میلیارد': 'billion',
  'تریلیون': 'trillion',
  'ہزار': 'thousand',
  'ملین': 'million',
  'ارب': 'billion',
  'אלף': 'thousand',
  'מיליון': 'million',
  'מיליארד': 'billion',
  'טריליון': 'trillion',
}
/** Scales written against the digits, as headlines abbreviate them: `$1.2bn`, `5m`, `40k`. */
const SCALE_ABBREVIATIONS: Record<string, string> = {k: 'thousand', m: 'million', mn: 'million', b: 'billion', bn: 'billion', tn: 'trillion'}
const CURRENCY_SIGNS: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  'CN¥': 'CNY',
  '₹': 'INR',
  '₪': 'ILS',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
  C$: 'CAD',
  A$: 'AUD',
  HK$: 'HKD',
  R$: 'BRL',
}
const CURRENCY_WORDS: Record<string, string> = {
  dollars: 'USD',
  'دولار': 'USD',
  'دولارا': 'USD',
  'دولاراً': 'USD',
  'دولارًا': 'USD',
  'دولارات': 'USD',
  euros: 'EUR',
  euro: 'EUR',
  "d'euros": 'EUR',
  'd’euros': 'EUR',
  'de euros': 'EUR',
  dólares: 'USD',
  'de dólares': 'USD',
  dolar: 'USD',
  dollar: 'USD',
  'يورو': 'EUR',
  pounds: 'GBP',
  'دلار': 'USD',
  'یورو': 'EUR',
  'ڈالر': 'USD',
  'דולר': 'USD',
  'דולרים': 'USD',
  'שקל': 'ILS',
  'שקלים': 'ILS',
  'אירו': 'EUR',
}
/** A percent written as a word: `45 percent`, `٤٥ في المئة`, Persian `درصد`, Urdu `فیصد`, Hebrew `אחוז`. */
const PERCENT_WORDS = ['percent', 'per cent', 'في المئة', 'في المائة', 'بالمئة', 'بالمائة', 'درصد', 'فیصد', 'אחוז', 'אחוזים']

const alternatives = (words: string[]): string =>
  words.sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')

/**
 * The number as printed at the start of a paragraph (direction marks before it kept in its display,
 * so that it is printed back as written): an optional `~`, minus, currency sign or percent sign
 * (Arabic machine translation moves signs to the other side of the digits: `%45`, `799$`), digits
 * (Western, Arabic-Indic or Persian) with thousands separators and decimals, an optional percent
 * sign, currency sign, scale word and currency word; then an optional sentence period and the explanation.
 */
const BIG_NUMBER = new RegExp(
  `^(?<display>\\p{Cf}*(?:~\\s?)?(?<plusMinus>[-\u2212+])?(?<sign>${alternatives(Object.keys(CURRENCY_SIGNS))})?(?<percentBefore>[%\\u066A])?\\s?` +
    `(?<digits>${DIGITS}{1,3}(?:${THOUSANDS}${DIGITS}{3})+(?!${DIGITS})|${DIGITS}+)(?<decimals>[.\\u066B]${DIGITS}+)?` +
    `(?<abbreviation>${alternatives(Object.keys(SCALE_ABBREVIATIONS))})?` +
    `(?<percent>\\s?[%\\u066A]|\\s(?:${alternatives(PERCENT_WORDS)}))?` +
    `(?:\\s?(?<signAfter>${alternatives(Object.keys(CURRENCY_SIGNS))}))?` +
    `(?:\\s(?<scale>${alternatives(Object.keys(SCALES))}))?` +
    `(?:\\s(?<word>${alternatives(Object.keys(CURRENCY_WORDS))}))?)` +
    `(?<sep>[.:۔,])?(?=\\s|$)(?<rest>[\\s\\S]*)$`,
  'iu',
)

/**
 * Words between the number and the period that ends it ("1 in 4.", "$1 billion-plus.",
 * "45 مليار جنيه إسترليني."): a few words at most, or the period ends a sentence, not the number.
 */
const DISPLAY_TAIL = /^(?<tail>[^\S\n][^.\n]{1,40}?)\.(?<caption>[^\S\n][\s\S]*\S[\s\S]*)$/u
const DISPLAY_TAIL_MAX_WORDS = 4

/**
 * The most significant digits a stored number keeps exactly (a double's 15): past them the value
 * would differ from the display (12345678901234567890 is stored as 12345678901234567000).
 */
export const MAX_SIGNIFICANT_DIGITS = 15

/** How many significant digits a number's Western digits have (`0.0012` has 2, `300000` has 1). */
export function significantDigits(digits: string): number {
  return digits.replace(/^[-\u2212+]/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length
}

/**
 * Why a paragraph that starts like a number is no big number the seed reads, or null when it does
 * not start like one: a range or a fraction is no single number; any other form is named.
 */
export function unreadNumberProblem(paragraph: string): string | null {
  const text = toWesternDigits(paragraph.replace(/^[\p{Cf}\s]+/u, ''))
  const word = /^\S+/.exec(text)?.[0] ?? ''
  if (!/^[~+\-\u2212%\u066A\p{Sc}A-Z]*\d/u.test(word)) return null
  const printed = word.length > 24 ? `${word.slice(0, 12)}…` : word.replace(/[.:]$/, '')
  if (/^[^\d]*\d[\d.,]*\s?[-\u2013\u2014]\s?\d/.test(text)) {
    return `"${printed}" is a range; a big number is one number: write one (e.g. the larger, "4."), and the range in its explanation`
  }
  if (/^[^\d]*\d+\/\d/.test(text)) {
    return `"${printed}" is a fraction; write it as "1 in 3." or as a percent, e.g. "33%."`
  }
  return `"${printed}" is not a number the seed reads; write digits with an optional sign, currency, percent and scale, e.g. "3.", "$1.2 billion." or "45%."`
}

/** Western digits for Arabic-Indic (٠-٩) and Persian (۰-۹) ones. */
export function toWesternDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String(digit.charCodeAt(0) & 0xf))
}

export interface ParsedBigNumber {
  bigNumber: BigNumberValue
  separator: BigNumberSeparator
  /** The number's Western digits as written, without separators (`1234.5`): its precision. */
  digits: string
}

/** The number at the start of a paragraph (after signs), as digits and the marks between them. */
const LEADING_NUMBER = /^([^\d٠-٩۰-۹]{0,12}?)([\d٠-٩۰-۹]+(?:[.,][\d٠-٩۰-۹]+)*)/u

/**
 * Reads a big number at the start of a paragraph ("3. That's…", "$1.2 billion. That's…", "٤٥٪ من…").
 * `value` is the number without its scale ("$1.2 billion" is 1.2 with scale "billion"), following the
 * content model. Returns null when the paragraph does not start with a number.
 * With `decimalComma` (the article's language writes one: contentRules.ts writesDecimalComma), its
 * marks are read as that language writes them ("1.200" is 1200, "1,5" is 1.5: withEnglishMarks);
 * with `longScale`, "billion" is a million millions. The display keeps what was written.
 */
export function parseBigNumber(paragraph: string, options: {decimalComma?: boolean; longScale?: boolean} = {}): ParsedBigNumber | null {
  const parsed = options.decimalComma
    ? readBigNumber(paragraph.replace(LEADING_NUMBER, (_, before: string, number: string) => before + withEnglishMarks(number)))
    : readBigNumber(paragraph)
  if (!parsed) return null
  // Every character keeps its place: the display is the same stretch of what was written.
  const display = paragraph.slice(0, parsed.bigNumber.display.length)
  // French and German "billion" is a million millions (their thousand millions is "milliard").
  const scale = options.longScale && parsed.bigNumber.scale === 'billion' && /\bbillions?\b/iu.test(display) ? 'trillion' : parsed.bigNumber.scale
  return {...parsed, bigNumber: {...parsed.bigNumber, display, ...(scale ? {scale} : {})}}
}

/** Languages whose "billion" (the word itself) is a million millions. */
export const LONG_SCALE_LANGUAGES: ReadonlySet<string> = new Set(['fr', 'de', 'da', 'no', 'nb'])

function readBigNumber(paragraph: string): ParsedBigNumber | null {
  const groups = BIG_NUMBER.exec(paragraph)?.groups
  if (!groups?.display || !groups.digits) return null
  const western = toWesternDigits(`${groups.digits.replace(THOUSANDS_SEPARATORS, '')}${(groups.decimals ?? '').replace('\u066B', '.')}`)
  const value = groups.plusMinus && groups.plusMinus !== '+' ? -Number(western) : Number(western)
  const result: BigNumberValue = {value, display: groups.display, caption: (groups.rest ?? '').trim()}
  const unit = groups.percent || groups.percentBefore
    ? 'percent'
    : (CURRENCY_SIGNS[groups.sign ?? groups.signAfter ?? ''] ?? CURRENCY_WORDS[(groups.word ?? '').toLowerCase()])
  if (unit) result.unit = unit
  const scale = SCALES[(groups.scale ?? '').toLowerCase()] ?? SCALE_ABBREVIATIONS[(groups.abbreviation ?? '').toLowerCase()]
  if (scale) result.scale = scale
  if (groups.sep === '.' || groups.sep === ':' || groups.sep === '۔' || groups.sep === ',') return {bigNumber: result, separator: groups.sep, digits: western}
  // "5 Mrd. So viel …": the abbreviation's period is also the one that ends the number.
  if (groups.scale?.endsWith('.') && !groups.word && /^\s/.test(groups.rest ?? '')) {
    return {bigNumber: {...result, display: groups.display.slice(0, -1)}, separator: '.', digits: western}
  }
  // The number goes on in words the pattern does not know: they are part of what is printed,
  // up to the period, so that "<display>. <caption>" gives back the paragraph as written.
  const tail = DISPLAY_TAIL.exec(groups.rest ?? '')?.groups
  if (tail?.tail && tail.caption && tail.tail.trim().split(/\s+/).length <= DISPLAY_TAIL_MAX_WORDS) {
    return {bigNumber: {...result, display: `${groups.display}${tail.tail}`, caption: tail.caption.trim()}, separator: '.', digits: western}
  }
  return {bigNumber: result, separator: ' ', digits: western}
}

/**
 * A number such as "1.200" or "3.000 millones": German, Spanish, Turkish and some Arabic text
 * separate thousands with a period, and English text never writes zeros at the end of decimals,
 * so three decimals ending in 0 are most likely thousands ("1.200 Stellen" is 1200, not 1.2).
 * Returns why such a number is refused, or null. Three decimals that do not end in 0 ("5.375%",
 * "$1.085") are read as decimals, as English writes them; the Arabic decimal separator (٫) is
 * not ambiguous.
 */
export function periodThousandsProblem({bigNumber}: ParsedBigNumber): string | null {
  const found = /(?<![\d.,٠-٩۰-۹])([\d٠-٩۰-۹]{1,3})\.([\d٠-٩۰-۹]{3})(?![\d٠-٩۰-۹])/u.exec(bigNumber.display)
  if (!found) return null
  const [written = '', whole = '', decimals = ''] = found
  // "0.125" has no thousands.
  if (/^[0٠۰]/u.test(whole)) return null
  if (!/[0٠۰]$/u.test(decimals)) return null
  const thousands = `${whole},${decimals}`
  const decimal = `${whole}.${decimals.replace(/[0٠۰]+$/u, '')}`.replace(/\.$/, '')
  return `"${written}" could be read two ways: ${toWesternDigits(decimal)}, or ${toWesternDigits(thousands)} with the period separating thousands as German or Spanish text does; write "${thousands}" for ${toWesternDigits(thousands).replace(',', '')}, or "${decimal}"`
}
