import {evaluate, parse} from 'groq-js'
import type {SlugSourceContext} from 'sanity'
import {describe, expect, test} from 'vitest'
import {slugify} from '../../schemas/contentRules.ts'
import {articleSlugSource, slugFromUrl} from '../../schemas/slug.ts'
import {articleArabic, dataset} from '../fixtures/queries/dataset.ts'

const FORBES_SLUG = 'north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'

describe('slugify', () => {
  test.each([
    ['North Korea Denies Selling Weapons To Moscow', 'north-korea-denies-selling-weapons-to-moscow'],
    ['Russia’s Isolation Grows!', 'russia-s-isolation-grows'],
    ['Élection présidentielle à Zürich', 'election-presidentielle-a-zurich'],
    ['  --Trim me--  ', 'trim-me'],
    ['كوريا الشمالية تنفي بيع أسلحة لموسكو', ''],
    ['Report ٤٥٪ and ۱۲ (Arabic-script digits)', 'report-45-and-12-arabic-script-digits'],
    ['حلف الناتو يرفع إنفاقه 3.1%', ''],
    ['ارتفاع بنسبة ٣٫١٪', ''],
    ['2024', ''],
    ['Top 10 risks for 2024', 'top-10-risks-for-2024'],
  ])('%j gives %j', (input, slug) => {
    expect(slugify(input)).toBe(slug)
  })

  test('stops at 96 characters without a trailing hyphen', () => {
    const slug = slugify(`${'a'.repeat(95)} b`)
    expect(slug).toBe('a'.repeat(95))
  })
})

describe('slugFromUrl', () => {
  test.each([
    [`https://www.forbes.com/sites/roberthart/2022/09/22/${FORBES_SLUG}/`, FORBES_SLUG],
    ['https://example.com/a/b?x=1', 'b'],
    ['https://example.com/', ''],
    ['not a url', ''],
  ])('%j gives %j', (url, slug) => {
    expect(slugFromUrl(url)).toBe(slug)
  })
})

describe('articleSlugSource', () => {
  const context = {
    getClient: () => ({
      fetch: async (query: string, params: Record<string, unknown>) =>
        (await evaluate(parse(query, {params}), {dataset, params})).get(),
    }),
  } as unknown as SlugSourceContext // only getClient().fetch is used

  test('a translation takes the slug of its original article’s URL', async () => {
    expect(slugify(await articleSlugSource(articleArabic, context))).toBe(FORBES_SLUG)
  })

  test('an original article takes its title', async () => {
    const original = {...articleArabic, title: 'Russia Buys Shells', translation: {isTranslation: false}}
    expect(await articleSlugSource(original, context)).toBe('Russia Buys Shells')
  })

  test('an Arabic original has nothing to slugify: the editor types the slug', async () => {
    const original = {...articleArabic, translation: {isTranslation: false}}
    expect(slugify(await articleSlugSource(original, context))).toBe('')
  })
})
