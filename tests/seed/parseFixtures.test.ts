import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import type {ArticleDocuments, BigNumberItem, SourceDocument} from '../../seed/parse/documentTypes.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'
import {renderArticleText} from '../../seed/parse/renderArticleText.ts'

const GOOD = join(import.meta.dirname, 'fixtures', 'good')
const read = (name: string): Buffer => readFileSync(join(GOOD, name))
const parse = (bytes: Uint8Array, file = 'fixture.txt'): ArticleDocuments => parseArticleFile(bytes, file).documents
const text = (documents: ArticleDocuments): string =>
  renderArticleText(
    documents.article,
    documents.related.find((d): d is SourceDocument => d._id === documents.article.originalSource?._ref && d._type === 'source'),
  )
const bigNumberOf = ({article}: ArticleDocuments): BigNumberItem | undefined =>
  article.sections.flatMap((s) => s.body).find((item): item is BigNumberItem => item._type === 'bigNumber')

describe('English fixture with the whole Forbes vocabulary', () => {
  const bytes = read('001-english-full-vocabulary.txt')
  const documents = parse(bytes)
  const {article} = documents

  test('every heading is recognised, in order', () => {
    expect(article.sections.map((s) => s.kind)).toEqual([
      'topline', 'keyFacts', 'crucialQuote', 'bigNumber', 'keyBackground', 'tangent', 'whatToWatchFor',
      'surprisingFact', 'chiefCritic', 'contra', 'newsPeg', 'whatWeDontKnow', 'furtherReading',
    ])
    expect(article.language).toBe('en')
    expect(article.translation).toEqual({_type: 'translation', isTranslation: false})
    expect(article._id).toBe('article-en-congress-passes-drought-relief-package')
  })

  test('bullets become bullet list items without their marker', () => {
    const keyFacts = article.sections[1]?.body ?? []
    expect(keyFacts.map((b) => (b._type === 'block' ? [b.listItem, b.level, b.children[0]?.text.slice(0, 20)] : null))).toEqual([
      ['bullet', 1, 'The bill passed 312-'],
      ['bullet', 1, 'Lake Mead, the natio'],
      ['bullet', 1, 'The package funds wa'],
      ['bullet', 1, 'Farmers in Californi'],
      ['bullet', 1, 'The Senate passed th'],
    ])
  })

  test('"$1.2 billion." is value 1.2, scale billion, unit USD', () => {
    expect(bigNumberOf(documents)).toMatchObject({
      value: 1.2,
      display: '$1.2 billion',
      unit: 'USD',
      scale: 'billion',
      caption: "That's how much the package spends over five years, the largest federal drought appropriation since 1977.",
    })
  })

  test('the crucial quote is a blockquote; further reading links to its URL and publisher', () => {
    expect(article.sections[2]?.body[0]).toMatchObject({style: 'blockquote'})
    const reading = article.sections[12]?.body[1]
    expect(reading).toMatchObject({markDefs: [{_type: 'link', href: 'https://www.nytimes.com/2022/08/16/climate/colorado-river-drought.html'}]})
    const sources = article.furtherReading?.map((ref) => documents.related.find((d) => d._id === ref._ref))
    expect(sources?.map((s) => (s?._type === 'source' ? [s.title, s.url, s.publisher?._ref] : null))).toEqual([
      ['Lake Mead Hits Record Low As Drought Worsens', undefined, 'publisher-forbes'],
      ['The Colorado River Is Running Dry', 'https://www.nytimes.com/2022/08/16/climate/colorado-river-drought.html', 'publisher-new-york-times'],
    ])
  })

  test('fidelity: the rebuilt text is the file', () => {
    expect(text(documents)).toBe(bytes.toString('utf8').replace(/\s+$/, ''))
  })

  test('a paragraph that starts with "Source:" and goes on as a sentence is text, not a misplaced source line', () => {
    const variant = bytes.toString('utf8').replace('• The Senate', '• Source: a person familiar with the vote said the Senate')
    const varied = parse(Buffer.from(variant))
    expect(varied.article.sections[1]?.body[4]).toMatchObject({listItem: 'bullet', children: [{text: 'Source: a person familiar with the vote said the Senate passed the same bill last week by voice vote.'}]})
    expect(text(varied)).toBe(variant.replace(/\s+$/, ''))
  })

  test('bullet markers "-" and "*" and blank lines between bullets give the same documents', () => {
    const variant = bytes
      .toString('utf8')
      .replace("• Farmers", "\n- Farmers")
      .replace('• The Senate', '\n* The Senate')
    expect(JSON.stringify(parse(Buffer.from(variant)))).toBe(JSON.stringify(documents))
  })
})

describe('Arabic fixture with heading variants and Arabic-Indic digits', () => {
  const bytes = read('002-arabic-variants-indic-digits.txt')
  const documents = parse(bytes)

  test('machine-translation heading variants map to their kinds', () => {
    expect(documents.article.sections.map((s) => [s.heading, s.kind])).toEqual([
      ['الخط العلوي', 'topline'],
      ['الحقائق الرئيسية', 'keyFacts'],
      ['اقتباس مهم', 'crucialQuote'],
      ['الرقم الكبير', 'bigNumber'],
      ['خلفية رئيسية', 'keyBackground'],
      ['استطراد', 'tangent'],
      ['ما الذي يجب مراقبته', 'whatToWatchFor'],
      ['كبير النقاد', 'chiefCritic'],
      ['على النقيض', 'contra'],
      ['وتد إخباري', 'newsPeg'],
      ['ما لا نعرفه', 'whatWeDontKnow'],
      ['حقيقة مفاجئة', 'surprisingFact'],
      ['قراءة متعمقة', 'furtherReading'],
    ])
  })

  test('every line with a direction mark (RLM) before it, as copied from a right-to-left page: the same sections and bullets', () => {
    const marked = bytes.toString('utf8').split('\n').map((line) => (line ? `\u200f${line}` : line)).join('\n')
    const {article} = parse(Buffer.from(marked))
    expect(article.sections.map((s) => s.kind)).toEqual(documents.article.sections.map((s) => s.kind))
    expect(article.sections[1]?.body.map((b) => (b._type === 'block' ? [b.listItem, b.children[0]?.text] : null))).toEqual([
      ['bullet', 'ارتفعت أسعار الغذاء بنسبة كبيرة على أساس سنوي.'],
      ['bullet', 'رفع البنك المركزي أسعار الفائدة مرتين هذا العام.'],
    ])
  })

  test('"٤٥٪" is value 45, unit percent, displayed as printed', () => {
    expect(bigNumberOf(documents)).toMatchObject({value: 45, display: '٤٥٪', unit: 'percent'})
  })

  test('publishers are matched by Arabic alias: رويترز → Reuters, فوربس → Forbes', () => {
    const publishers = documents.article.furtherReading?.map((ref) => {
      const source = documents.related.find((d) => d._id === ref._ref)
      return source?._type === 'source' ? source.publisher?._ref : null
    })
    expect(publishers).toEqual(['publisher-reuters', 'publisher-forbes'])
  })

  test('fidelity: the rebuilt text is the file', () => {
    expect(text(documents)).toBe(bytes.toString('utf8').replace(/\s+$/, ''))
  })
})

describe('"Further Reading" with bulleted lines', () => {
  const bytes = read('004-further-reading-bullets.txt')
  const documents = parse(bytes)

  test('bulleted lines are bullet items; the line without a bullet is not', () => {
    const reading = documents.article.sections[1]?.body ?? []
    expect(reading.map((b) => (b._type === 'block' ? [b.listItem ?? null, b.children[0]?.text] : null))).toEqual([
      ['bullet', 'Musk Completes Twitter Takeover (Forbes)'],
      ['bullet', "Twitter's Advertisers Pause Spending (Reuters) https://www.reuters.com/technology/twitter-advertisers-2022-11-03/"],
      [null, 'Musk Says Twitter Has Seen A "Massive Drop In Revenue" (New York Times)'],
    ])
  })

  test('fidelity: the rebuilt text is the file, bullets included', () => {
    expect(text(documents)).toBe(bytes.toString('utf8').replace(/\s+$/, ''))
  })
})

describe('Arabic copied from a right-to-left page: direction marks (RLM, LRM) before headings, labels and around URLs', () => {
  const bytes = read('005-direction-marks.txt')
  const documents = parse(bytes)
  const {article} = documents

  test('headings with a mark before them are the known ones, kept as written', () => {
    expect(article.sections.map((s) => [s.kind, s.heading])).toEqual([
      ['topline', '\u200fالسطر العلوي'],
      ['keyFacts', '\u200fحقائق رئيسية'],
      ['furtherReading', '\u200fلمزيد من القراءة'],
    ])
  })

  test('the source line and the reading link are read without the marks around their URLs', () => {
    const source = documents.related.find((d): d is SourceDocument => d._id === article.originalSource?._ref && d._type === 'source')
    expect(source?.url).toBe('https://www.forbes.com/sites/davidphelan/2022/09/07/apple-iphone-14-price-release-date/')
    expect(article._id).toBe('article-ar-apple-iphone-14-price-release-date')
    expect(article.sections[2]?.body[0]).toMatchObject({
      markDefs: [{_type: 'link', href: 'https://www.forbes.com/sites/davidphelan/2022/09/07/apple-watch-ultra/'}],
    })
  })

  test('a period, an Urdu ۔, a publisher or a stray parenthesis after the source URL: the Forbes author, date and slug are still read, with a warning', () => {
    for (const end of ['.', '۔', '\u200f۔', '.\u200e', ' (Forbes)', ').', ' (فوربس).']) {
      const file = bytes.toString('utf8').replace(/(apple-iphone-14-price-release-date\/)\u200e$/m, `$1${end}`)
      expect(file).not.toBe(bytes.toString('utf8'))
      const {documents: parsed, warnings} = parseArticleFile(Buffer.from(file), 'ended.txt')
      const source = parsed.related.find((d): d is SourceDocument => d._type === 'source' && d._id === parsed.article.originalSource?._ref)
      expect([end, source?.url, parsed.article._id, parsed.article.publishedAt?.slice(0, 10)]).toEqual([
        end,
        'https://www.forbes.com/sites/davidphelan/2022/09/07/apple-iphone-14-price-release-date/',
        'article-ar-apple-iphone-14-price-release-date',
        '2022-09-07',
      ])
      expect(warnings.map((w) => w.message)).toEqual([
        'ended.txt:16: the source line is printed back as "المصدر: https://www.forbes.com/sites/davidphelan/2022/09/07/apple-iphone-14-price-release-date/": write it that way to keep the text as it is',
      ])
    }
  })

  test.each([['<', '>'], ['(', ')'], ['«', '»']])('a source URL between %s and %s is read without them', (open, close) => {
    const file = bytes.toString('utf8').replace(/\u200e(https:\/\/www\.forbes\.com\/sites\/davidphelan\/2022\/09\/07\/apple-iphone-14-price-release-date\/)\u200e$/m, `${open}$1${close}`)
    expect(file).not.toBe(bytes.toString('utf8'))
    const parsed = parse(Buffer.from(file))
    const source = parsed.related.find((d): d is SourceDocument => d._type === 'source' && d._id === parsed.article.originalSource?._ref)
    expect(source?.url).toBe('https://www.forbes.com/sites/davidphelan/2022/09/07/apple-iphone-14-price-release-date/')
  })

  test('fidelity: the rebuilt text is the file, marks in the text included (the source line is rebuilt from its URL)', () => {
    const file = bytes.toString('utf8').replace(/\s+$/, '')
    expect(text(documents)).toBe(file.replace(/\u200fالمصدر: \u200e(.*)\u200e$/, 'المصدر: $1'))
  })
})

describe('big numbers that go on in words before their period', () => {
  const bytes = read('006-big-number-in-words.txt')
  const {documents, warnings} = parseArticleFile(bytes, 'fixture.txt')

  test('the words up to the period are part of the display; no warning', () => {
    const numbers = documents.article.sections.flatMap((s) => s.body).filter((item): item is BigNumberItem => item._type === 'bigNumber')
    expect(numbers.map((n) => [n.display, n.value, n.caption.slice(0, 20)])).toEqual([
      ['1 in 4', 1, "That's the share of "],
      ['$1 billion-plus', 1, "That's the break fee"],
    ])
    expect(warnings).toEqual([])
  })

  test('fidelity: the rebuilt text is the file (no period put in after the number)', () => {
    expect(text(documents)).toBe(bytes.toString('utf8').replace(/\s+$/, ''))
  })

  test('a number alone on its line without a period, its explanation in the next paragraph: a warning, as the rebuilt text has a period after it', () => {
    const alone = bytes.toString('utf8').replace('1 in 4. That', '9.1%\n\nThat')
    expect(parseArticleFile(Buffer.from(alone), 'alone.txt').warnings.map((w) => w.message)).toEqual([
      'alone.txt:9: write the big number as "9.1%. <explanation>": the number and its explanation are stored apart and printed with a period between them',
    ])
  })

  test.each([
    ['its explanation in the next paragraph', '4.\n\nThat'],
    ['its explanation on the next line', '4.\nThat'],
    ['two spaces after its period', '4.  That'],
  ])('a big number with %s: a warning, as the rebuilt text is "4. That…"', (_, layout) => {
    const file = bytes.toString('utf8')
    const {documents, warnings} = parseArticleFile(Buffer.from(file.replace('1 in 4. That', layout)), 'layout.txt')
    expect(warnings.map((w) => w.message)).toEqual([
      'layout.txt:9: write the big number and its explanation as one paragraph, "4. <explanation>" with one space after the period: they are stored apart and printed that way',
    ])
    expect(text(documents)).toBe(file.replace('1 in 4. That', '4. That').replace(/\s+$/, ''))
  })
})

describe('URLs with Arabic paths, query strings, fragments and percent-encoding', () => {
  const bytes = read('007-urls-as-written.txt')
  const documents = parse(bytes)
  const sourceOf = (id: string | undefined) => documents.related.find((d): d is SourceDocument => d._id === id && d._type === 'source')

  test('the source and the reading links keep their URLs as written (not percent-encoded)', () => {
    expect(sourceOf(documents.article.originalSource?._ref)?.url).toBe('https://www.aljazeera.net/news/2022/11/20/قطر-تفتتح-كأس-العالم')
    const links = documents.article.sections[1]?.body.map((b) => (b._type === 'block' ? b.markDefs[0]?.href : null))
    expect(links).toEqual([
      'https://www.aljazeera.net/sport/2022/11/20/ملاعب-كأس-العالم',
      'https://www.aljazeera.com/news/2022/11/20/qatar-world-cup?utm_source=twitter&lang=en#stadiums',
      'https://www.amnesty.org/ar/documents/mde22/4614/2021/ar/?q=%D9%82%D8%B7%D8%B1',
    ])
    expect(documents.article.furtherReading?.map((ref) => sourceOf(ref._ref)?.url)).toEqual(links)
  })

  test('fidelity: the rebuilt text is the file', () => {
    expect(text(documents)).toBe(bytes.toString('utf8').replace(/\s+$/, ''))
  })
})

describe('front matter', () => {
  test('sets the translation method and the slug', () => {
    const {article} = parse(read('003-front-matter-human-translation.txt'))
    expect(article._id).toBe('article-ar-egypt-inflation-human')
    expect(article.translation).toEqual({_type: 'translation', isTranslation: true, fromLanguage: 'en', method: 'human'})
    expect(article.sections[1]?.body[0]).toMatchObject({value: 1.5, display: '1.5 مليون', scale: 'million'})
  })

  test('reads the README\'s example as written: comments after values, quotes, keys and language tags in any case', () => {
    const seed = readFileSync(join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt'), 'utf8')
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'seed', 'articles', 'README.md'), 'utf8')
    const example = /```\n(---\n[\s\S]*?\n---)\n```/.exec(readme)?.[1]
    expect(example).toContain('# otherwise detected from the script')
    const {article} = parse(Buffer.from(`${example}\n${seed}`))
    expect([article._id, article.language, article.translation]).toEqual(['article-ar-my-own-slug', 'ar', {_type: 'translation', isTranslation: true, fromLanguage: 'en', method: 'human'}])
    const variant = parse(Buffer.from(`---\nLanguage: AR\nslug: "quoted-slug"\n---\n${seed}`))
    expect([variant.article._id, variant.article.language]).toEqual(['article-ar-quoted-slug', 'ar'])
  })

  test('a slug that is not lower case says what a slug may hold', () => {
    expect(() => parse(Buffer.from('---\nslug: My Slug\n---\nTitle\n'), 'slug.txt')).toThrow(
      'slug.txt:2: the slug "My Slug" may hold only lower-case letters a-z, digits and single hyphens, e.g. "slug: my-slug"',
    )
  })
})

describe('the source line, printed back with one label per language', () => {
  const seed = readFileSync(join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt'), 'utf8')
  const url = 'https://www.forbes.com/sites/roberthart/2022/09/22/north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows/'

  test('as the seed writes it: no warning', () => {
    expect(parseArticleFile(Buffer.from(seed), 'seed.txt').warnings).toEqual([])
  })

  test.each(['المصدر الأصلي: ', 'المصدر : ', 'Source: ', `المصدر: \u200e`])('"%s<url>": read, with a warning that it comes back as "المصدر: <url>"', (label) => {
    const variant = seed.replace(`المصدر: ${url}`, `${label}${url}`)
    const {documents, warnings} = parseArticleFile(Buffer.from(variant), 'label.txt')
    expect(JSON.stringify(documents)).toBe(JSON.stringify(parse(Buffer.from(seed), 'label.txt')))
    const line = seed.trimEnd().split('\n').length
    expect(warnings.map((w) => w.message)).toEqual([`label.txt:${line}: the source line is printed back as "المصدر: ${url}": write it that way to keep the text as it is`])
  })
})

describe('headings machine translation also produces', () => {
  const seed = readFileSync(join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt'), 'utf8')

  test.each([
    ['أهم الحقائق', 'keyFacts'],
    ['اقتباس حرج', 'crucialQuote'],
    ['الخلفية', 'keyBackground'],
    ['ظل', 'tangent'],
    ['الظل', 'tangent'],
    ['المماس', 'tangent'],
    ['ما الذي يجب الانتباه إليه', 'whatToWatchFor'],
    ['ما يجب مشاهدته', 'whatToWatchFor'],
    ['ما الذي يجب متابعته', 'whatToWatchFor'],
    ['المنتقد الرئيسي', 'chiefCritic'],
    ['حقيقة مثيرة للدهشة', 'surprisingFact'],
    ['كونترا', 'contra'],
    ['ما لا نعرفه بعد', 'whatWeDontKnow'],
    ['Crucial Quotes', 'crucialQuote'],
  ])('"%s" is a %s section, without a warning', (heading, kind) => {
    const {documents, warnings} = parseArticleFile(Buffer.from(seed.replace('الخلفية الرئيسية', heading)), 'heading.txt')
    expect([documents.article.sections[2]?.kind, documents.article.sections[2]?.heading]).toEqual([kind, heading])
    expect(warnings).toEqual([])
  })

  test('"قراءات إضافية" is Further Reading: its lines become sources the article refers to', () => {
    const {documents} = parseArticleFile(Buffer.from(seed.replace('لمزيد من القراءة', 'قراءات إضافية')), 'reading.txt')
    expect(documents.article.sections.at(-1)?.kind).toBe('furtherReading')
    expect(documents.article.furtherReading).toHaveLength(1)
  })
})

describe('an impossible date in a Forbes source URL', () => {
  test('the article gets no publication date, and a warning at the source line says why', () => {
    const seed = readFileSync(join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt'), 'utf8')
    const {documents, warnings} = parseArticleFile(Buffer.from(seed.replace('/2022/09/22/', '/2022/09/31/')), 'date.txt')
    expect(documents.article.publishedAt).toBeUndefined()
    const line = seed.trimEnd().split('\n').length
    expect(warnings.map((w) => w.message)).toEqual([
      `date.txt:${line}: the date in the source URL (2022/09/31) is not a real date, so the article gets no publication date; check the URL, or set the date in the Studio after the import`,
    ])
  })
})

describe('list items', () => {
  const seed = readFileSync(join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt'), 'utf8')

  test('with "• ": no warning; with another marker: one warning, at the first one, as they come back with "•"', () => {
    expect(parseArticleFile(Buffer.from(seed.replace('حقائق رئيسية\n\n', 'حقائق رئيسية\n\n• ')), 'dot.txt').warnings).toEqual([])
    const dashes = seed.replace('حقائق رئيسية\n\n', 'حقائق رئيسية\n\n- ').replace('\n\nالمسؤول - الذي', '\n\n* المسؤول - الذي')
    const {documents, warnings} = parseArticleFile(Buffer.from(dashes), 'dash.txt')
    expect(documents.article.sections[1]?.body.slice(0, 2).map((b) => b._type === 'block' && b.listItem)).toEqual(['bullet', 'bullet'])
    expect(warnings.map((w) => w.message)).toEqual(['dash.txt:9: list items are printed back with "•", not "-": write them that way to keep the text as it is'])
  })
})

describe('tolerance: the seed with BOM, CRLF, trailing spaces, extra blank lines, no final newline', () => {
  const seed = readFileSync(join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt'), 'utf8')
  const clean = JSON.stringify(parse(Buffer.from(seed)))
  const variants: Array<[string, string]> = [
    ['BOM', `\uFEFF${seed}`],
    ['CRLF', seed.replace(/\n/g, '\r\n')],
    ['CR only', seed.replace(/\n/g, '\r')],
    ['trailing and leading spaces', seed.replace(/\n/g, '  \n\t')],
    ['repeated blank lines', seed.replace(/\n\n/g, '\n\n\n \n\n')],
    ['blank lines holding only a direction mark or a zero-width space', seed.replace(/\n\n/g, '\n\u200f\n').replace('\u200f', '\u200b \u200e')],
    ['no final newline', seed.trimEnd()],
    ['heading glued to its paragraph', seed.replace('السطر العلوي\n\n', 'السطر العلوي\n')],
    ['source line glued to the last paragraph', seed.replace('\n\nالمصدر:', '\nالمصدر:')],
    ['heading with a colon and hamza variant', seed.replace('الخلفية الرئيسية', 'الخلفيه الرئيسيه:')],
  ]
  test.each(variants)('%s', (_name, variant) => {
    const documents = JSON.parse(JSON.stringify(parse(Buffer.from(variant))))
    const expected = JSON.parse(clean)
    if (_name === 'heading with a colon and hamza variant') expected.article.sections[2].heading = 'الخلفيه الرئيسيه:'
    expect(documents).toEqual(expected)
  })
})

describe('Markdown marks machine translation adds to the title and headings', () => {
  const text = [
    '# Markets Fall Sharply',
    '',
    '## Topline ##',
    '',
    'Stocks fell on Monday.',
    '',
    '**Key Facts**',
    '',
    'The Dow fell 2%, the **most** since March.',
    '',
    '__Market Mood__',
    '',
    'Traders were nervous',
    '',
    'Source: https://www.forbes.com/sites/jdoe/2023/03/16/markets-fall/',
    '',
  ].join('\n')

  // Stored as "# Markets Fall Sharply" and "## Topline ##" before: the marks reached the site and the Studio.
  test('are not stored, with one warning that names the first; text inside paragraphs stays as written', () => {
    const {documents, warnings} = parseArticleFile(Buffer.from(text), 'md.txt')
    const {article} = documents
    expect([article.title, ...article.sections.map((section) => `${section.kind}: ${section.heading}`)]).toEqual([
      'Markets Fall Sharply',
      'topline: Topline',
      'keyFacts: Key Facts',
      'custom: Market Mood',
    ])
    expect(JSON.stringify(article.sections[1]?.body)).toContain('the **most** since March.')
    expect(warnings.map((warning) => warning.message)).toContain(
      'md.txt:1: the title and headings are printed back without Markdown marks ("# Markets Fall Sharply" as "Markets Fall Sharply"): write them that way to keep the text as it is',
    )
  })

  test('"#1" and a title with ** inside keep their marks', () => {
    const own = text.replace('# Markets Fall Sharply', '#1 Reason **Stocks** Fell')
    expect(parseArticleFile(Buffer.from(own), 'md.txt').documents.article.title).toBe('#1 Reason **Stocks** Fell')
  })
})

describe('a Further Reading address of a known publisher, without "(Publisher)"', () => {
  const text = [
    'Congress Passes Drought Relief Package',
    '',
    'Topline',
    '',
    'The House passed a drought relief package on Thursday.',
    '',
    'Further Reading',
    '',
    'Lake Mead Falls To A Record Low https://www.forbes.com/sites/janedoe/2022/08/01/lake-mead/',
    'Colorado River Deal https://www.reuters.com/world/us/colorado-river-deal-2022-08-02/',
    'A Local Blog https://example.org/drought/',
    '',
    'Source: https://www.forbes.com/sites/janedoe/2022/08/18/congress-passes-drought-relief-package/',
    '',
  ].join('\n')

  // Only the closing source line's address named its publisher before.
  test('names that publisher, as the source line does; another address names none', () => {
    const {related} = parseArticleFile(Buffer.from(text), 'fr.txt').documents
    const publisherOf = (url: string) => related.find((doc): doc is SourceDocument => doc._type === 'source' && doc.url === url)?.publisher?._ref
    expect([
      publisherOf('https://www.forbes.com/sites/janedoe/2022/08/01/lake-mead/'),
      publisherOf('https://www.reuters.com/world/us/colorado-river-deal-2022-08-02/'),
      publisherOf('https://example.org/drought/'),
    ]).toEqual(['publisher-forbes', 'publisher-reuters', undefined])
    expect(related.filter((doc) => doc._type === 'publisher').map((doc) => doc._id).sort()).toEqual(['publisher-forbes', 'publisher-reuters'])
  })
})
