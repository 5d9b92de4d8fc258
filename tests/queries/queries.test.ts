import {evaluate, parse} from 'groq-js'
import {describe, expect, test} from 'vitest'
import * as queries from '../../queries/index.ts'
import {
  articleBySlugQuery,
  articleFeedQuery,
  articleIndexQuery,
  articlesByLanguageQuery,
  articlesBySourceQuery,
  bigNumbersQuery,
} from '../../queries/index.ts'
import {
  articleArabic,
  articleEnglish,
  articleEnglishOlder,
  dataset,
  OLDER_SLUG,
  OLDER_URL,
  ORIGINAL_URL,
  SLUG,
} from '../fixtures/queries/dataset.ts'
import {sourceId} from '../helpers/seedIds.ts'

/** Runs a query the way the lake does: params are known at parse time (groq-js needs them for slices). */
async function run(query: string, params: Record<string, unknown> = {}) {
  const tree = parse(query, {params})
  return (await evaluate(tree, {dataset, params})).get()
}

// Expected values follow the content model contract and the article texts of the fixture: ids
// `article-<language>-<slug>`, `source-<hash of the URL>`, dates from the Forbes URLs.
const forbes = {_id: 'publisher-forbes', name: 'Forbes', url: 'https://www.forbes.com'}
const ORIGINAL_SOURCE = sourceId(ORIGINAL_URL)
const OLDER_SOURCE = sourceId(OLDER_URL)
// The seed article's further-reading line has no URL (seed/articles/README.md: title folded, publisher id).
const READING_SOURCE = sourceId('المخابرات الامريكيه تظهر ان روسيا تشتري اسلحه من كوريا الشماليه|publisher-forbes')

const originalSource = {
  _id: ORIGINAL_SOURCE,
  // The seed titles a source by its URL's slug.
  title: 'North Korea Denies Selling Weapons To Moscow As Russias Isolation Grows',
  url: ORIGINAL_URL,
  author: null,
  publishedAt: '2022-09-22T00:00:00.000Z',
  language: 'en',
  publisher: forbes,
}

const olderSource = {
  _id: OLDER_SOURCE,
  title: 'Us Intelligence Shows Russia Buying Weapons From North Korea',
  url: OLDER_URL,
  author: null,
  publishedAt: '2022-09-06T00:00:00.000Z',
  language: 'en',
  publisher: forbes,
}

const readingSource = {
  _id: READING_SOURCE,
  title: 'المخابرات الأمريكية تظهر أن روسيا تشتري أسلحة من كوريا الشمالية',
  url: null,
  author: null,
  publishedAt: null,
  language: 'ar',
  publisher: forbes,
}

const robertHart = {_id: 'person-roberthart', name: 'roberthart', slug: 'roberthart'}

const english = {isTranslation: false, fromLanguage: null, method: null}

const arabicCard = {
  _id: `article-ar-${SLUG}`,
  title: 'كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية',
  slug: SLUG,
  language: 'ar',
  description: articleArabic.description,
  translation: {isTranslation: true, fromLanguage: 'en', method: 'machine'},
  publishedAt: '2022-09-22T00:00:00.000Z',
  updatedAt: null,
}

const englishCard = {
  _id: `article-en-${SLUG}`,
  title: "North Korea Denies Selling Weapons To Moscow As Russia's Isolation Grows",
  slug: SLUG,
  language: 'en',
  description: 'North Korea denied on Thursday it had supplied Russia with weapons or ammunition for use in Ukraine.',
  translation: english,
  publishedAt: '2022-09-22T00:00:00.000Z',
  updatedAt: '2022-09-22T16:30:00.000Z',
}

const olderEnglishCard = {
  _id: `article-en-${OLDER_SLUG}`,
  title: 'US Intelligence Shows Russia Buying Weapons From North Korea',
  slug: OLDER_SLUG,
  language: 'en',
  description: 'Russia is buying millions of artillery shells and rockets from North Korea, US intelligence shows.',
  translation: english,
  publishedAt: '2022-09-06T00:00:00.000Z',
  updatedAt: null,
}

const undatedCard = {
  _id: 'article-en-drought-relief-talks-continue',
  title: 'Drought Relief Talks Continue',
  slug: 'drought-relief-talks-continue',
  language: 'en',
  description: 'Talks on a drought relief package continue this week.',
  translation: english,
  publishedAt: null,
  updatedAt: null,
}

/** An article's sections as the page query projects them (their bodies are the seed's, passed through). */
const sectionsOf = (article: typeof articleArabic) => article.sections.map(({_key, kind, heading, body}) => ({_key, kind, heading, body}))

test('every exported query parses with groq-js', () => {
  const params = {slug: SLUG, language: 'ar', start: 0, end: 10, sourceId: ORIGINAL_SOURCE, limit: 10}
  const names = Object.keys(queries).sort()
  expect(names).toEqual([
    'articleBySlugQuery',
    'articleFeedQuery',
    'articleIndexQuery',
    'articlesByLanguageQuery',
    'articlesBySourceQuery',
    'bigNumbersQuery',
  ])
  for (const query of Object.values(queries)) expect(() => parse(query, {params})).not.toThrow()
})

describe('articleBySlugQuery', () => {
  test('the Arabic translation, with sources, people, publisher and corrections resolved', async () => {
    expect(await run(articleBySlugQuery, {slug: SLUG, language: 'ar'})).toEqual({
      ...arabicCard,
      sections: sectionsOf(articleArabic),
      originalSource,
      furtherReading: [readingSource],
      authors: [robertHart],
      publisher: forbes,
      corrections: [{_key: 'correction-1', date: '2022-09-24', kind: 'clarification', text: 'هذه ترجمة آلية للمقال الأصلي.'}],
    })
    expect(sectionsOf(articleArabic).map(({kind, heading}) => `${kind} ${heading}`)).toEqual([
      'topline السطر العلوي',
      'keyFacts حقائق رئيسية',
      'keyBackground الخلفية الرئيسية',
      'bigNumber رقم ضخم',
      'furtherReading لمزيد من القراءة',
    ])
  })

  test('the same slug in English is the original, not the translation', async () => {
    expect(await run(articleBySlugQuery, {slug: SLUG, language: 'en'})).toEqual({
      ...englishCard,
      sections: sectionsOf(articleEnglish),
      originalSource,
      furtherReading: [olderSource],
      authors: [robertHart],
      publisher: forbes,
      corrections: null,
    })
  })

  test('an unknown slug or language gives null', async () => {
    expect(await run(articleBySlugQuery, {slug: SLUG, language: 'fa'})).toBeNull()
    expect(await run(articleBySlugQuery, {slug: 'no-such-article', language: 'ar'})).toBeNull()
  })
})

describe('articlesByLanguageQuery', () => {
  test('pages through one language, newest first, undated last, end exclusive', async () => {
    expect(await run(articlesByLanguageQuery, {language: 'en', start: 0, end: 1})).toEqual([englishCard])
    expect(await run(articlesByLanguageQuery, {language: 'en', start: 1, end: 3})).toEqual([
      olderEnglishCard,
      undatedCard,
    ])
    expect(await run(articlesByLanguageQuery, {language: 'en', start: 3, end: 4})).toEqual([])
    expect(await run(articlesByLanguageQuery, {language: 'ar', start: 0, end: 20})).toEqual([arabicCard])
  })
})

describe('articleIndexQuery', () => {
  test('every article with a slug and a language, newest first across languages, undated last', async () => {
    expect(await run(articleIndexQuery)).toEqual([arabicCard, englishCard, olderEnglishCard, undatedCard])
  })
})

describe('articleFeedQuery', () => {
  test("one language's newest articles up to the limit, with authors and publisher", async () => {
    expect(await run(articleFeedQuery, {language: 'ar', limit: 10})).toEqual([{...arabicCard, authors: [robertHart], publisher: forbes}])
    expect((await run(articleFeedQuery, {language: 'en', limit: 2})).map((entry: {_id: string}) => entry._id)).toEqual([
      englishCard._id,
      olderEnglishCard._id,
    ])
  })
})

describe('bigNumbersQuery', () => {
  test('every big number in reading order, newest article first, with its article', async () => {
    const cardOf = ({_id, title, slug, language}: {_id: string; title: string; slug: string; language: string}) => ({_id, title, slug, language})
    const keyOf = (article: typeof articleArabic) => article.sections.find((section) => section.kind === 'bigNumber')?.body[0]?._key
    expect(await run(bigNumbersQuery)).toEqual([
      {
        _key: keyOf(articleArabic),
        value: 3,
        display: '3',
        unit: null,
        scale: null,
        caption: expect.stringMatching(/^هذا هو عدد البلدان الاعتراف استقلال جمهوريتي لوهانسك ودونيتسك .* والعديد من الدول الغربية\.$/),
        sectionKind: 'bigNumber',
        article: cardOf(arabicCard),
      },
      {
        _key: keyOf(articleEnglish),
        value: 3,
        display: '3',
        unit: null,
        scale: null,
        caption: "That's how many countries recognise the self-proclaimed republics of Luhansk and Donetsk.",
        sectionKind: 'bigNumber',
        article: cardOf(englishCard),
      },
      {
        _key: keyOf(articleEnglishOlder),
        value: 300000,
        display: '300,000',
        unit: null,
        scale: null,
        caption: "That's how many reservists the partial mobilization would call up.",
        sectionKind: 'bigNumber',
        article: cardOf(olderEnglishCard),
      },
    ])
  })
})

describe('articlesBySourceQuery', () => {
  test('articles based on a source or listing it under Further Reading, newest first', async () => {
    expect(await run(articlesBySourceQuery, {sourceId: ORIGINAL_SOURCE})).toEqual([
      {...arabicCard, isOriginalSource: true, isFurtherReading: false},
      {...englishCard, isOriginalSource: true, isFurtherReading: false},
    ])
    expect(await run(articlesBySourceQuery, {sourceId: OLDER_SOURCE})).toEqual([
      {...englishCard, isOriginalSource: false, isFurtherReading: true},
      {...olderEnglishCard, isOriginalSource: true, isFurtherReading: false},
    ])
    expect(await run(articlesBySourceQuery, {sourceId: READING_SOURCE})).toEqual([{...arabicCard, isOriginalSource: false, isFurtherReading: true}])
    expect(await run(articlesBySourceQuery, {sourceId: 'source-unknown'})).toEqual([])
  })
})
