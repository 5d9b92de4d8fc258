import {describe, expect, test} from 'vitest'
import {parseBigNumber, significantDigits, unreadNumberProblem} from '../../seed/parse/parseBigNumber.ts'
import {valueMismatch} from '../../schemas/bigNumberValue.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'

describe('big numbers as printed', () => {
  test.each([
    {printed: '3. That is the count.', number: {value: 3, display: '3', caption: 'That is the count.'}, separator: '.'},
    {printed: '$1.2 billion. How much.', number: {value: 1.2, display: '$1.2 billion', unit: 'USD', scale: 'billion', caption: 'How much.'}, separator: '.'},
    {printed: '45% of adults', number: {value: 45, display: '45%', unit: 'percent', caption: 'of adults'}, separator: ' '},
    {printed: '٤٥٪. هذه نسبة', number: {value: 45, display: '٤٥٪', unit: 'percent', caption: 'هذه نسبة'}, separator: '.'},
    {printed: '۴۵٪. نسبت', number: {value: 45, display: '۴۵٪', unit: 'percent', caption: 'نسبت'}, separator: '.'},
    {printed: '300,000. People.', number: {value: 300000, display: '300,000', caption: 'People.'}, separator: '.'},
    {printed: '1.5 مليون. أسرة', number: {value: 1.5, display: '1.5 مليون', scale: 'million', caption: 'أسرة'}, separator: '.'},
    {printed: '١٬٢٠٠٫٥ دولار. كذا', number: {value: 1200.5, display: '١٬٢٠٠٫٥ دولار', unit: 'USD', caption: 'كذا'}, separator: '.'},
    {printed: '€3 trillion: debt', number: {value: 3, display: '€3 trillion', unit: 'EUR', scale: 'trillion', caption: 'debt'}, separator: ':'},
    {printed: '3 millionaires.', number: {value: 3, display: '3', caption: 'millionaires.'}, separator: ' '},
    {printed: '3.', number: {value: 3, display: '3', caption: ''}, separator: '.'},
    {printed: '1 in 4. That is the share.', number: {value: 1, display: '1 in 4', caption: 'That is the share.'}, separator: '.'},
    {printed: '$1 billion-plus. The fee.', number: {value: 1, display: '$1 billion-plus', unit: 'USD', caption: 'The fee.'}, separator: '.'},
    {printed: '45 مليار جنيه إسترليني. هذه قيمة', number: {value: 45, display: '45 مليار جنيه إسترليني', scale: 'billion', caption: 'هذه قيمة'}, separator: '.'},
    {printed: '45% of adults in the poll say so. A poll', number: {value: 45, display: '45%', unit: 'percent', caption: 'of adults in the poll say so. A poll'}, separator: ' '},
    {printed: '799 دولارًا. السعر', number: {value: 799, display: '799 دولارًا', unit: 'USD', caption: 'السعر'}, separator: '.'},
    {printed: '\u200f٣. هذا هو العدد', number: {value: 3, display: '\u200f٣', caption: 'هذا هو العدد'}, separator: '.'},
    {printed: '-3.5%. GDP shrank.', number: {value: -3.5, display: '-3.5%', unit: 'percent', caption: 'GDP shrank.'}, separator: '.'},
    {printed: '%45. من البالغين', number: {value: 45, display: '%45', unit: 'percent', caption: 'من البالغين'}, separator: '.'},
    {printed: '٪٤٥ من البالغين', number: {value: 45, display: '٪٤٥', unit: 'percent', caption: 'من البالغين'}, separator: ' '},
    {printed: '799$. هذا هو السعر', number: {value: 799, display: '799$', unit: 'USD', caption: 'هذا هو السعر'}, separator: '.'},
    {printed: '1.2 € مليار. كذا', number: {value: 1.2, display: '1.2 € مليار', unit: 'EUR', scale: 'billion', caption: 'كذا'}, separator: '.'},
    {printed: '~1,000. People.', number: {value: 1000, display: '~1,000', caption: 'People.'}, separator: '.'},
    {printed: '300 000. هذا هو العدد', number: {value: 300000, display: '300 000', caption: 'هذا هو العدد'}, separator: '.'},
    {printed: '٣\u202f٠٠٠\u202f٠٠٠ شخص. كذا', number: {value: 3000000, display: '٣\u202f٠٠٠\u202f٠٠٠ شخص', caption: 'كذا'}, separator: '.'},
    {printed: '3 100-year floods. Since 1900.', number: {value: 3, display: '3 100-year floods', caption: 'Since 1900.'}, separator: '.'},
    {printed: '$1.2bn. How much.', number: {value: 1.2, display: '$1.2bn', unit: 'USD', scale: 'billion', caption: 'How much.'}, separator: '.'},
    {printed: '40k. Fans.', number: {value: 40, display: '40k', scale: 'thousand', caption: 'Fans.'}, separator: '.'},
    {printed: '£5M. The fine.', number: {value: 5, display: '£5M', unit: 'GBP', scale: 'million', caption: 'The fine.'}, separator: '.'},
    {printed: '+5%. Growth.', number: {value: 5, display: '+5%', unit: 'percent', caption: 'Growth.'}, separator: '.'},
    {printed: '$5 million, which is the fee.', number: {value: 5, display: '$5 million', unit: 'USD', scale: 'million', caption: 'which is the fee.'}, separator: ','},
    {printed: '45 percent. Of adults.', number: {value: 45, display: '45 percent', unit: 'percent', caption: 'Of adults.'}, separator: '.'},
    {printed: '٤٥ في المئة. من البالغين', number: {value: 45, display: '٤٥ في المئة', unit: 'percent', caption: 'من البالغين'}, separator: '.'},
    {printed: '۵۰ فیصد۔ یہ حصہ ہے۔', number: {value: 50, display: '۵۰ فیصد', unit: 'percent', caption: 'یہ حصہ ہے۔'}, separator: '۔'},
    {printed: '۳ میلیارد دلار. این مبلغ است.', number: {value: 3, display: '۳ میلیارد دلار', unit: 'USD', scale: 'billion', caption: 'این مبلغ است.'}, separator: '.'},
    {printed: '3 מיליארד שקל. זה הסכום.', number: {value: 3, display: '3 מיליארד שקל', unit: 'ILS', scale: 'billion', caption: 'זה הסכום.'}, separator: '.'},
    {printed: '¥100 billion. The package.', number: {value: 100, display: '¥100 billion', unit: 'JPY', scale: 'billion', caption: 'The package.'}, separator: '.'},
    {printed: '₹5,000 crore. The plan.', number: {value: 5000, display: '₹5,000 crore', unit: 'INR', caption: 'The plan.'}, separator: '.'},
    {printed: 'HK$2 billion. The deal.', number: {value: 2, display: 'HK$2 billion', unit: 'HKD', scale: 'billion', caption: 'The deal.'}, separator: '.'},
    {printed: '20 million pounds. The fine.', number: {value: 20, display: '20 million pounds', unit: 'GBP', scale: 'million', caption: 'The fine.'}, separator: '.'},
  ])('$printed', ({printed, number, separator}) => {
    const parsed = parseBigNumber(printed)
    expect(parsed && {bigNumber: parsed.bigNumber, separator: parsed.separator}).toEqual({bigNumber: number, separator})
    // The Studio's check reads the same number from the display: a seeded big number raises no warning.
    expect(valueMismatch(number.display, number.value, number.scale)).toBeUndefined()
  })

  test.each(['That is 3.', '12km away', '3.x', '', 'The 2022 total', '5ms. Latency.'])('"%s" does not start with a big number', (printed) => {
    expect(parseBigNumber(printed)).toBeNull()
  })
})

describe('numbers the seed does not read, and numbers past a double\'s precision', () => {
  test.each([
    ['3-4. Hours a day.', '"3-4" is a range; a big number is one number: write one (e.g. the larger, "4."), and the range in its explanation'],
    ['٣–٤ ساعات. كذا', '"3–4" is a range; a big number is one number: write one (e.g. the larger, "4."), and the range in its explanation'],
    ['1/3. Of voters.', '"1/3" is a fraction; write it as "1 in 3." or as a percent, e.g. "33%."'],
    ['3x. Faster.', '"3x" is not a number the seed reads; write digits with an optional sign, currency, percent and scale, e.g. "3.", "$1.2 billion." or "45%."'],
  ])('%s', (printed, problem) => {
    expect(parseBigNumber(printed)).toBeNull()
    expect(unreadNumberProblem(printed)).toBe(problem)
  })

  test('words are not numbers', () => {
    expect(unreadNumberProblem('That is 3.')).toBeNull()
  })

  test.each([
    ['3', 1],
    ['300000', 1],
    ['0.0012', 2],
    ['1200.5', 5],
    ['123456789012345', 15],
    ['12345678901234567890', 19],
    ['12345678901234567891', 20],
  ])('%s has %i significant digits', (digits, count) => {
    expect(significantDigits(digits)).toBe(count)
  })

  test('a 20-digit number parses with its digits, for the seed to refuse (it would be stored as another number)', () => {
    expect(parseBigNumber('12345678901234567890. Atoms.')?.digits).toBe('12345678901234567890')
    expect(Number('12345678901234567890') === 12345678901234567890).toBe(true)
    expect(String(Number('12345678901234567890'))).not.toBe('12345678901234567890')
  })
})

describe('scale words as translations write them', () => {
  // Read as a tail of words before, these kept their number without its scale: "1.5 مليارًا" was stored as 1.5.
  test.each([
    {printed: '1.5 مليارًا. قيمة الصفقة', value: 1.5, scale: 'billion'},
    {printed: '٦٫٥ ملياراً. قيمة الصفقة', value: 6.5, scale: 'billion'},
    {printed: '40 ألفًا. عدد العمال', value: 40, scale: 'thousand'},
    {printed: '55 مليونا. عدد المسافرين', value: 55, scale: 'million'},
    {printed: '٣٣ تريليونات دولار. حجم الدين', value: 33, scale: 'trillion', unit: 'USD'},
    {printed: '285 milliards d’euros. Le programme', value: 285, scale: 'billion', unit: 'EUR'},
    {printed: '30 Milliarden Euro. So viel', value: 30, scale: 'billion', unit: 'EUR'},
    {printed: '3 mil millones. Es el monto', value: 3, scale: 'billion'},
    {printed: '2 billones de dólares. Es la deuda', value: 2, scale: 'trillion', unit: 'USD'},
    {printed: '25 milyar dolar. Rezervlerdeki düşüş', value: 25, scale: 'billion', unit: 'USD'},
  ])('$printed', ({printed, value, scale, unit}) => {
    const number = parseBigNumber(printed)?.bigNumber
    expect(number && {value: number.value, scale: number.scale, unit: number.unit}).toEqual({value, scale, unit})
  })
})

describe('a period that may separate thousands', () => {
  const file = (number: string) =>
    Buffer.from(`Volkswagen streicht Stellen\n\nTopline\n\nVolkswagen will Stellen abbauen.\n\nBig Number\n\n${number}. So viele Stellen fallen weg.\n\nSource: https://www.forbes.com/sites/jdoe/2023/11/06/volkswagen-cuts-jobs/\n`)

  // "1.200 Stellen" was stored as 1.2: German, Spanish and Turkish text write 1200 that way.
  test.each(['1.200 Stellen', '3.000 millones', '4.500', '2.950 Tote'])('"%s" is refused with both readings and what to write', (number) => {
    const whole = number.split('.')[0]
    expect(() => parseArticleFile(file(number), 'de.txt')).toThrow(
      new RegExp(`^de\\.txt:9: the big number "${number.split(' ')[0]?.replace('.', '\\.')}" could be read two ways: .*write "${whole},`),
    )
  })

  test.each([
    ['$1.125 billion', 1.125],
    // Three decimals not ending in 0 are how English writes rates and prices: refusing them would stop the run.
    ['5.375%', 5.375],
    ['$1.085', 1.085],
    ['1.2', 1.2],
    ['0.125%', 0.125],
    ['12.35%', 12.35],
    ['١٫٢٠٠', 1.2],
    ['1,200', 1200],
  ])('"%s" is read as %s', (number, value) => {
    const section = parseArticleFile(file(number), 'de.txt').documents.article.sections[1]
    expect(section?.body[0]).toMatchObject({_type: 'bigNumber', value})
  })
})

describe('big numbers of a language that writes a decimal comma', () => {
  const file = (number: string, language = 'de') =>
    Buffer.from(`---\nlanguage: ${language}\n---\nVolkswagen streicht Stellen\n\nTopline\n\nVolkswagen will Stellen abbauen.\n\nBig Number\n\n${number}. So viele Stellen fallen weg.\n\nSource: https://www.forbes.com/sites/jdoe/2023/11/06/volkswagen-cuts-jobs/\n`)

  // Refused before (the whole run stopped), and stored as 1.2 before that.
  test.each([
    ['1.200 Stellen', 'de', {value: 1200, display: '1.200 Stellen'}],
    ['1,5 Milliarden Euro', 'de', {value: 1.5, scale: 'billion', unit: 'EUR', display: '1,5 Milliarden Euro'}],
    ['2.946', 'de', {value: 2946, display: '2.946'}],
    ['3.000 millones', 'es', {value: 3000, scale: 'million', display: '3.000 millones'}],
    ['12,5 %', 'fr', {value: 12.5, unit: 'percent', display: '12,5 %'}],
    // Marks kept from the English original, as machine translation often does.
    ['%61.5', 'tr', {value: 61.5, unit: 'percent', display: '%61.5'}],
    ['1,200 Stellen', 'de', {value: 1200, display: '1,200 Stellen'}],
    ['1.234,5', 'de', {value: 1234.5, display: '1.234,5'}],
    ['0,125', 'de', {value: 0.125, display: '0,125'}],
    ['1.200.000', 'es', {value: 1200000, display: '1.200.000'}],
    // Their "billion" is a million millions (stored as a billion before): "milliard" is the thousand millions.
    ['3 Billion Dollar', 'de', {value: 3, scale: 'trillion', unit: 'USD', display: '3 Billion Dollar'}],
    ['2 billions', 'fr', {value: 2, scale: 'trillion', display: '2 billions'}],
    ['30 Milliarden Euro', 'de', {value: 30, scale: 'billion', unit: 'EUR', display: '30 Milliarden Euro'}],
    // Abbreviated: stored as 5 with "Mrd" in the display and "Euro." in the caption before.
    ['5 Mrd. Euro', 'de', {value: 5, scale: 'billion', unit: 'EUR', display: '5 Mrd. Euro'}],
    ['3,2 Mio', 'de', {value: 3.2, scale: 'million', display: '3,2 Mio'}],
  ])('"%s" in %s is read with the period between thousands and the comma before decimals, and printed as written', (number, language, expected) => {
    const {documents, warnings} = parseArticleFile(file(number, language), 'de.txt')
    const bigNumber = documents.article.sections[1]?.body[0]
    expect(bigNumber).toMatchObject({_type: 'bigNumber', ...expected})
    expect(warnings).toEqual([])
    const {display, value, scale} = bigNumber as {display: string; value: number; scale?: string}
    expect(valueMismatch(display, value, scale, language)).toBeUndefined()
  })

  test("the Studio's check reads a display that way only in such a language", () => {
    expect(valueMismatch('1.200', 1200, undefined, 'de')).toBeUndefined()
    expect(valueMismatch('1.200', 1200, undefined, 'en')).toBe('The display shows 1.2 but the value is 1200: make them the same number.')
    expect(valueMismatch('1,200', 1.2, undefined, 'en')).toBe('The display shows 1200 but the value is 1.2: make them the same number.')
  })
})

describe('an abbreviated scale whose period ends the number', () => {
  test('"5 Mrd. So viel…" is 5 billion, printed back as written', () => {
    const text = '---\nlanguage: de\n---\nVolkswagen streicht Stellen\n\nTopline\n\nVolkswagen will Stellen abbauen.\n\nBig Number\n\n5 Mrd. So viel will Volkswagen sparen.\n\nSource: https://www.forbes.com/sites/jdoe/2023/11/06/volkswagen-cuts-jobs/\n'
    const {documents, warnings} = parseArticleFile(Buffer.from(text), 'de.txt')
    expect(documents.article.sections[1]?.body[0]).toMatchObject({_type: 'bigNumber', value: 5, scale: 'billion', display: '5 Mrd', caption: 'So viel will Volkswagen sparen.'})
    expect(warnings).toEqual([])
  })
})
