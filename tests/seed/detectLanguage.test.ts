import {describe, expect, test} from 'vitest'
import {detectLanguage} from '../../seed/parse/detectLanguage.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'

const SAMPLES: Array<[string, string]> = [
  ['fa', 'بانک مرکزی آمریکا نرخ بهره را یک چهارم درصد افزایش داد. این تصمیم پس از ماه‌ها بحث گرفته شد و بازارها واکنش نشان دادند.'],
  ['ur', 'فیڈرل ریزرو نے شرح سود میں اضافہ کر دیا ہے۔ یہ فیصلہ کئی مہینوں کی بحث کے بعد کیا گیا اور بازاروں نے ردعمل ظاہر کیا۔'],
  ['he', 'הפדרל ריזרב העלה את הריבית ב-0.25% ביום רביעי. ההחלטה התקבלה לאחר חודשים של דיונים.'],
  ['ar', 'نفت كوريا الشمالية يوم الخميس تزويد روسيا بأسلحة، ووصفت التقارير بأنها محاولة لتشويه صورتها.'],
  ['en', 'The Federal Reserve raised rates by a quarter point on Wednesday, its tenth increase in a row.'],
]

describe('the language of an article without a language: line', () => {
  test.each(SAMPLES)('%s', (language, text) => {
    expect(detectLanguage([text])).toBe(language)
  })

  test('an Arabic text quoting a Persian name, or an English one quoting Hebrew, keeps its language', () => {
    expect(detectLanguage([`${SAMPLES[3]?.[1]} «پیمان»`])).toBe('ar')
    expect(detectLanguage([`${SAMPLES[4]?.[1]} “שלום”`])).toBe('en')
  })

  test('a Hebrew or Persian translation of a Forbes article gets its own id, not the English or Arabic one (which it would overwrite)', () => {
    const file = (title: string, body: string, label: string) =>
      Buffer.from(`${title}\n\nTopline\n\n${body}\n\nBig Number\n\n45%. ${body}\n\n${label}: https://www.forbes.com/sites/janedoe/2023/03/14/fed-raises-rates/\n`)
    const hebrew = parseArticleFile(file('הפדרל ריזרב מעלה את הריבית ברבע נקודה', SAMPLES[2]?.[1] ?? '', 'Source'), 'he.txt').documents.article
    expect([hebrew._id, hebrew.language, hebrew.translation]).toEqual([
      'article-he-fed-raises-rates',
      'he',
      {_type: 'translation', isTranslation: true, fromLanguage: 'en', method: 'machine'},
    ])
    const persian = parseArticleFile(file('بانک مرکزی نرخ بهره را افزایش داد', SAMPLES[0]?.[1] ?? '', 'المصدر'), 'fa.txt').documents.article
    expect([persian._id, persian.language]).toEqual(['article-fa-fed-raises-rates', 'fa'])
  })
})

describe('the source line of a Persian, Urdu or Hebrew article', () => {
  test.each([
    ['fa', 'منبع'],
    ['ur', 'ماخذ'],
    ['he', 'מקור'],
  ])('%s: "%s: <url>" is read, and printed back as written (no warning)', (language, label) => {
    const text = SAMPLES.find(([code]) => code === language)?.[1] ?? ''
    const file = `${text.slice(0, 30)}\n\nTopline\n\n${text}\n\n${label}: https://www.forbes.com/sites/janedoe/2023/03/14/fed-raises-rates/\n`
    const {documents, warnings} = parseArticleFile(Buffer.from(file), 'label.txt')
    expect([documents.article.language, documents.article._id]).toEqual([language, `article-${language}-fed-raises-rates`])
    expect(warnings.map((w) => w.message)).toEqual([])
  })
})

describe('addresses and Further Reading do not decide the language', () => {
  test('letters of web addresses are not counted', () => {
    const arabic = 'أعلنت أمازون عن استثمار جديد.'
    expect(detectLanguage([`${arabic} https://www.nytimes.com/2023/09/25/technology/amazon-anthropic-investment-details.html`])).toBe('ar')
  })

  test('an Arabic article whose Further Reading lines carry English titles and addresses stays Arabic', () => {
    const text = [
      'أمازون تستثمر في أنثروبيك',
      '',
      'السطر العلوي',
      '',
      'أعلنت أمازون عن استثمار ما يصل إلى 4 مليارات دولار في شركة أنثروبيك الناشئة.',
      '',
      'قراءة إضافية',
      '',
      '• «جوجل تطلق بارد» https://www.forbes.com/sites/x/2023/03/21/google-launches-bard-chatbot-to-compete-with-openai/',
      'OpenAI’s Valuation Soars As Microsoft Invests More (The Information)',
      'تقرير: https://www.nytimes.com/2023/09/25/technology/amazon-anthropic-ai-investment.html (نيويورك تايمز)',
      '',
      'المصدر: https://www.forbes.com/sites/roberthart/2023/09/25/amazon-invests-in-anthropic/',
    ].join('\n')
    const {article} = parseArticleFile(Buffer.from(text), 'a.txt').documents
    expect([article._id, article.language, article.translation.isTranslation]).toEqual(['article-ar-amazon-invests-in-anthropic', 'ar', true])
  })
})

describe('a text in Latin letters that is not English', () => {
  const file = (title: string, body: string, front = '') =>
    Buffer.from(`${front}${title}\n\nTopline\n\n${body}\n\nSource: https://www.forbes.com/sites/jdoe/2023/03/16/french-president-pension-reform/\n`)
  const french = 'Le président de la République a annoncé mercredi une réforme des retraites qui relève l\'âge légal de départ de 62 à 64 ans, malgré les manifestations dans tout le pays. Les syndicats ont appelé à une nouvelle journée de grève.'
  const spanish = 'El Banco de México mantuvo el jueves su tasa de interés de referencia, en línea con lo que esperaban los analistas y los mercados, según un comunicado del banco.'

  // Stored as article-en-…, an English original, before: the script alone said English.
  test.each([
    ['French', 'fr', 'Le président annonce une réforme des retraites', french],
    ['Spanish', 'es', 'El banco central de México mantiene las tasas', spanish],
  ])('%s without a language: line is stored in its language, as a translation, with a warning', (name, code, title, body) => {
    const parsed = parseArticleFile(file(title, body), 'x.txt')
    const {article} = parsed.documents
    expect([article._id, article.language, article.translation.isTranslation]).toEqual([`article-${code}-french-president-pension-reform`, code, true])
    expect(parsed.warnings.map((warning) => warning.message)).toContain(
      `x.txt:1: the text reads as ${name}, so the article is stored as "${code}" (a translation from English); ` +
        'if that is not its language, put a front matter above the title: a line "---", then "language: <code>", then "---"',
    )
  })

  test('with its language: line it is imported in that language', () => {
    const {article} = parseArticleFile(file('Le président annonce une réforme', french, '---\nlanguage: fr\n---\n'), 'x.txt').documents
    expect([article._id, article.language]).toEqual(['article-fr-french-president-pension-reform', 'fr'])
  })

  test('English text naming French and Spanish things stays English', () => {
    const english = 'The Federal Reserve held rates steady on Wednesday, and Le Monde said the decision of the Banco de México was expected by the markets. It is the first pause for the bank, which has raised rates ten times.'
    const {article} = parseArticleFile(file('Fed Holds Rates Steady', english), 'x.txt').documents
    expect(article.language).toBe('en')
  })
})
