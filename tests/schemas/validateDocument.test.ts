import {evaluate, parse} from 'groq-js'
import {createSchema, validateDocument, type SanityDocument} from 'sanity'
import {describe, expect, test} from 'vitest'
import {schemaTypes} from '../../schemas/index.ts'
import {articleArabic, articleEnglish, articleEnglishUndated, dataset} from '../fixtures/queries/dataset.ts'

const schema = createSchema({name: 'test', types: schemaTypes})

type ValidationSource = Parameters<typeof validateDocument>[0]['workspace']

/** A client for custom validation (slug uniqueness) that answers from the fixture dataset. */
function datasetClient(documents: unknown[]): ReturnType<ValidationSource['getClient']> {
  const run = async (query: string, params: Record<string, unknown> = {}) =>
    (await evaluate(parse(query, {params}), {dataset: documents, params})).get()
  const client = {
    fetch: run,
    withConfig: () => client,
  }
  // A structural stand-in: with getDocumentExists given, validation only calls fetch and withConfig.
  return client as unknown as ReturnType<ValidationSource['getClient']>
}

function segmentText(segment: unknown): string {
  if (typeof segment === 'object' && segment !== null && '_key' in segment) return `[_key=="${String(segment._key)}"]`
  return String(segment)
}

async function markers(document: Record<string, unknown>, documents: unknown[] = dataset) {
  const client = datasetClient(documents)
  const result = await validateDocument({
    document: {_createdAt: '', _updatedAt: '', _rev: '', ...document} as SanityDocument,
    // Outside the Studio, validation adds an unknown-fields check that turns object-level
    // `required().error(...)` into a bare "Required" warning; the Studio does not.
    environment: 'studio',
    workspace: {schema, getClient: () => client, i18n: undefined as unknown as ValidationSource['i18n']},
    getDocumentExists: async ({id}) => documents.some((doc) => (doc as {_id: string})._id === id),
  })
  return result.map(({level, message, path}) => ({level, message, path: path.map(segmentText).join('.')}))
}

describe('the fixture documents', () => {
  const undated = [{level: 'warning', message: 'Set the publication date, or the article sorts last.', path: 'publishedAt'}]
  test.each(dataset.map((document) => [document._id, document] as const))('%s is valid', async (id, document) => {
    expect(await markers(document)).toEqual(id === articleEnglishUndated._id ? undated : [])
  })
})

describe('article validation speaks to editors', () => {
  test('an empty article says what to fill in', async () => {
    expect(await markers({_id: 'drafts.article-new', _type: 'article'})).toEqual([
      {level: 'error', message: 'Give the article its headline.', path: 'title'},
      {level: 'error', message: 'Choose the language the article is written in.', path: 'language'},
      {level: 'error', message: 'Generate the slug, or type one in lowercase Latin letters, digits and hyphens.', path: 'slug'},
      {level: 'error', message: 'Add at least one section, usually the Topline.', path: 'sections'},
      {level: 'warning', message: 'Set the publication date, or the article sorts last.', path: 'publishedAt'},
      {level: 'error', message: 'Say whether the article is a translation.', path: 'translation'},
    ])
  })

  test('a slug in Arabic letters is refused with an example of a good one', async () => {
    const arabicSlug = {...articleArabic, _id: 'drafts.article-other', slug: {_type: 'slug', current: 'كوريا-الشمالية'}}
    expect(await markers(arabicSlug)).toEqual([
      {
        level: 'error',
        message: 'Use only lowercase Latin letters, digits and single hyphens, e.g. north-korea-denies-selling-weapons.',
        path: 'slug',
      },
    ])
  })

  test('a slug of digits alone is refused; an empty one on an Arabic original says to type one', async () => {
    const original = {...articleArabic, _id: 'drafts.article-digits', translation: {_type: 'translation', isTranslation: false}}
    expect(await markers({...original, slug: {_type: 'slug', current: '3-1'}})).toEqual([
      {level: 'error', message: 'A slug of numbers alone says nothing in a URL: add words, e.g. nato-spending-rises-3-1-percent.', path: 'slug'},
    ])
    expect(await markers({...original, slug: undefined})).toEqual([
      {
        level: 'error',
        message:
          'Arabic, Persian, Hebrew and Urdu titles are not turned into slugs: type a short English one, e.g. north-korea-denies-selling-weapons.',
        path: 'slug',
      },
    ])
  })

  test('a release version never clashes with its own published document or draft', async () => {
    const version = {...articleEnglish, _id: `versions.rSpring.${articleEnglish._id}`}
    const documents = [...dataset, {...articleEnglish, _id: `drafts.${articleEnglish._id}`}, version]
    expect(await markers(version, documents)).toEqual([])
    // Another document with the slug still clashes.
    const other = {...articleEnglish, _id: 'versions.rSpring.article-other'}
    expect(await markers(other, [...documents, other])).toEqual([{level: 'error', message: 'Slug is already in use', path: 'slug'}])
  })

  test('a slug is unique per language: the translation may share it, a second English article may not', async () => {
    expect(await markers(articleArabic)).toEqual([])
    const copy = {...articleEnglish, _id: 'drafts.article-copy'}
    expect(await markers(copy)).toEqual([{level: 'error', message: 'Slug is already in use', path: 'slug'}])
  })

  test('a translation needs its original source and its method', async () => {
    const translation = {
      ...articleArabic,
      _id: 'drafts.article-translation',
      slug: {_type: 'slug', current: 'another-translation'},
      originalSource: undefined,
      translation: {_type: 'translation', isTranslation: true},
    }
    expect(await markers(translation)).toEqual([
      {level: 'error', message: 'A translation must link to the article it was translated from.', path: 'originalSource'},
      {level: 'error', message: 'Choose the language the article was translated from.', path: 'translation.fromLanguage'},
      {level: 'error', message: 'Choose how the article was translated, or “Unknown”.', path: 'translation.method'},
    ])
  })

  test('dates, big numbers and descriptions', async () => {
    const article = {
      ...articleEnglish,
      _id: 'drafts.article-checks',
      slug: {_type: 'slug', current: 'checks'},
      description: 'x'.repeat(161),
      updatedAt: '2022-09-21T00:00:00Z',
      sections: [{_type: 'articleSection', _key: 'bn', kind: 'bigNumber', heading: 'Big Number', body: []}],
    }
    expect(await markers(article)).toEqual([
      {level: 'error', message: 'The update time cannot be earlier than the publication time.', path: 'updatedAt'},
      {level: 'warning', message: 'Search engines cut descriptions after about 160 characters.', path: 'description'},
      {level: 'error', message: 'A section needs some text.', path: 'sections.[_key=="bn"].body'},
      {level: 'warning', message: 'A “Big number” section should start with a big number item.', path: 'sections.[_key=="bn"].body'},
    ])
  })
})

describe('big number validation', () => {
  test('a value that is not the number the display shows is a warning', async () => {
    const bigNumber = {_type: 'bigNumber', _key: 'n', display: '٤', value: 3, caption: 'أسلحة'}
    const article = {
      ...articleArabic,
      _id: 'drafts.article-big-number',
      slug: {_type: 'slug', current: 'big-number-check'},
      sections: [{_type: 'articleSection', _key: 'bn', kind: 'bigNumber', heading: 'رقم ضخم', body: [bigNumber]}],
    }
    expect(await markers(article)).toEqual([
      {
        level: 'warning',
        message: 'The display shows 4 but the value is 3: make them the same number.',
        path: 'sections.[_key=="bn"].body.[_key=="n"].value',
      },
    ])
    expect(await markers({...article, sections: [{...article.sections[0], body: [{...bigNumber, value: 4}]}]})).toEqual([])
  })
})

describe('source validation', () => {
  test('a source cited by title only is valid; a non-web address is an error', async () => {
    const base = {_id: 'source-new', _type: 'source', title: 'U.S. Intelligence Shows Russia Buying Weapons'}
    expect(await markers(base)).toEqual([])
    expect(await markers({...base, url: 'ftp://example.com/file'})).toEqual([
      {level: 'error', message: 'Enter the full address of the page, starting with https://.', path: 'url'},
    ])
  })
})
