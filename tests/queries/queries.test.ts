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
import {articleArabic, articleEnglish, dataset} from '../fixtures/queries/dataset.ts'

const SLUG = 'north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'

/** Runs a query the way the lake does: params are known at parse time (groq-js needs them for slices). */
async function run(query: string, params: Record<string, unknown> = {}) {
  const tree = parse(query, {params})
  return (await evaluate(tree, {dataset, params})).get()
}

const forbes = {_id: 'publisher-forbes', name: 'Forbes', url: 'https://www.forbes.com'}

const originalSource = {
  _id: 'source-5d1c0a7e',
  title: 'North Korea Denies Selling Weapons To Moscow As Russia’s Isolation Grows',
  url: `https://www.forbes.com/sites/roberthart/2022/09/22/${SLUG}/`,
  author: 'Robert Hart',
  publishedAt: '2022-09-22T12:00:00Z',
  language: 'en',
  publisher: forbes,
}

const intelligenceSource = {
  _id: 'source-9b4e22f1',
  title: 'المخابرات الأمريكية تظهر أن روسيا تشتري أسلحة من كوريا الشمالية',
  url: 'https://www.forbes.com/sites/roberthart/2022/09/06/us-intelligence-shows-russia-buying-weapons-from-north-korea/',
  author: null,
  publishedAt: null,
  language: 'ar',
  publisher: forbes,
}

const arabicCard = {
  _id: `article-${SLUG}`,
  title: 'كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية',
  slug: SLUG,
  language: 'ar',
  description: 'نفت كوريا الشمالية تزويد روسيا بأسلحة أو ذخيرة لاستخدامها في أوكرانيا.',
  translation: {isTranslation: true, fromLanguage: 'en', method: 'machine'},
  publishedAt: '2022-09-23T08:00:00Z',
  updatedAt: null,
}

const englishCard = {
  _id: `article-en-${SLUG}`,
  title: 'North Korea Denies Selling Weapons To Moscow As Russia’s Isolation Grows',
  slug: SLUG,
  language: 'en',
  description: null,
  translation: {isTranslation: false, fromLanguage: null, method: null},
  publishedAt: '2022-09-22T14:00:00Z',
  updatedAt: '2022-09-22T16:30:00Z',
}

const olderEnglishCard = {
  _id: 'article-russia-buying-weapons',
  title: 'Russia Buying Weapons From North Korea',
  slug: 'russia-buying-weapons',
  language: 'en',
  description: null,
  translation: {isTranslation: false, fromLanguage: null, method: null},
  publishedAt: '2022-09-06T10:00:00Z',
  updatedAt: null,
}

const undatedCard = {
  _id: 'article-undated',
  title: 'An Undated Draft',
  slug: 'an-undated-draft',
  language: 'en',
  description: null,
  translation: {isTranslation: false, fromLanguage: null, method: null},
  publishedAt: null,
  updatedAt: null,
}

test('every exported query parses with groq-js', () => {
  const params = {slug: SLUG, language: 'ar', start: 0, end: 10, sourceId: 'source-5d1c0a7e', limit: 10}
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
      sections: [
        {_key: 'topline', kind: 'topline', heading: 'السطر العلوي', body: articleArabic.sections[0]?.body},
        {_key: 'big-number', kind: 'bigNumber', heading: 'رقم ضخم', body: articleArabic.sections[1]?.body},
        {
          _key: 'further-reading',
          kind: 'furtherReading',
          heading: 'لمزيد من القراءة',
          body: articleArabic.sections[2]?.body,
        },
      ],
      originalSource,
      furtherReading: [intelligenceSource],
      authors: [{_id: 'person-robert-hart', name: 'Robert Hart', slug: 'robert-hart'}],
      publisher: forbes,
      corrections: [
        {_key: 'correction-1', date: '2022-09-24', kind: 'clarification', text: 'هذه ترجمة آلية للمقال الأصلي.'},
      ],
    })
  })

  test('the same slug in English is the original, not the translation', async () => {
    expect(await run(articleBySlugQuery, {slug: SLUG, language: 'en'})).toEqual({
      ...englishCard,
      sections: [{_key: 'big-number', kind: 'bigNumber', heading: 'Big Number', body: articleEnglish.sections[0]?.body}],
      originalSource,
      furtherReading: [intelligenceSource],
      authors: null,
      publisher: null,
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
    expect(await run(articleFeedQuery, {language: 'ar', limit: 10})).toEqual([
      {...arabicCard, authors: [{_id: 'person-robert-hart', name: 'Robert Hart', slug: 'robert-hart'}], publisher: forbes},
    ])
    expect((await run(articleFeedQuery, {language: 'en', limit: 2})).map((entry: {_id: string}) => entry._id)).toEqual([
      englishCard._id,
      olderEnglishCard._id,
    ])
  })
})

describe('bigNumbersQuery', () => {
  test('every big number in reading order, newest article first, with its article', async () => {
    const arabic = {_id: arabicCard._id, title: arabicCard.title, slug: SLUG, language: 'ar'}
    const english = {_id: englishCard._id, title: englishCard.title, slug: SLUG, language: 'en'}
    expect(await run(bigNumbersQuery)).toEqual([
      {
        _key: 'big-number-1',
        value: 3,
        display: '3',
        unit: null,
        scale: null,
        caption: 'هذا هو عدد البلدان الاعتراف استقلال جمهوريتي لوهانسك ودونيتسك.',
        sectionKind: 'bigNumber',
        article: arabic,
      },
      {
        _key: 'big-number-1',
        value: 3,
        display: '3',
        unit: null,
        scale: null,
        caption: 'Countries recognising the republics.',
        sectionKind: 'bigNumber',
        article: english,
      },
      {
        _key: 'big-number-3',
        value: 300,
        display: '300,000',
        unit: 'troops',
        scale: 'thousand',
        caption: 'Reservists in the partial mobilization.',
        sectionKind: 'bigNumber',
        article: english,
      },
    ])
  })
})

describe('articlesBySourceQuery', () => {
  test('articles based on a source or listing it under Further Reading, newest first', async () => {
    expect(await run(articlesBySourceQuery, {sourceId: 'source-5d1c0a7e'})).toEqual([
      {...arabicCard, isOriginalSource: true, isFurtherReading: false},
      {...englishCard, isOriginalSource: true, isFurtherReading: false},
      {...olderEnglishCard, isOriginalSource: false, isFurtherReading: true},
    ])
    expect(await run(articlesBySourceQuery, {sourceId: 'source-9b4e22f1'})).toEqual([
      {...arabicCard, isOriginalSource: false, isFurtherReading: true},
      {...englishCard, isOriginalSource: false, isFurtherReading: true},
    ])
    expect(await run(articlesBySourceQuery, {sourceId: 'source-unknown'})).toEqual([])
  })
})
