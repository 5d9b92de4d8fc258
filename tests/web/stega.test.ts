/**
 * Which strings the site stega-encodes in draft mode (web/sanity/stega.ts), against the lake's own
 * content source map for the article page's query: visible text carries edit info, values the site
 * computes with (section kind, block style, list item, marks, languages, translation method,
 * slugs, dates, URLs) stay clean, so the page renders the same in draft mode.
 */
import {createClient} from '@sanity/client'
import {afterAll, beforeAll, expect, it} from 'vitest'
import {vercelStegaSplit} from '@vercel/stega'

import {articleBySlugQuery} from '../../queries/index.ts'
import {stegaFilter} from '../../web/sanity/stega.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake

const block = (key: string, text: string, extra: Record<string, unknown> = {}) => ({
  _type: 'block',
  _key: key,
  style: 'normal',
  markDefs: [],
  children: [{_type: 'span', _key: `${key}-s`, text, marks: ['strong']}],
  ...extra,
})

beforeAll(async () => {
  lake = await startTestLake()
  await lake.client().createOrReplace({
    _id: 'article-ar-x',
    _type: 'article',
    title: 'عنوان',
    slug: {_type: 'slug', current: 'x'},
    language: 'ar',
    translation: {_type: 'translation', isTranslation: true, fromLanguage: 'en', method: 'machine'},
    publishedAt: '2022-09-22T00:00:00.000Z',
    sections: [
      {_type: 'articleSection', _key: 's1', kind: 'keyFacts', heading: 'حقائق رئيسية', body: [block('b1', 'حقيقة', {listItem: 'bullet', level: 1})]},
      {_type: 'articleSection', _key: 's2', kind: 'bigNumber', heading: 'رقم ضخم', body: [{_type: 'bigNumber', _key: 'n1', value: 3, display: '٣', caption: 'شرح'}]},
    ],
  })
})
afterAll(() => lake.close())

/** Each string of `value` by its path, `true` where it carries stega edit info. */
function encoded(value: unknown, path = ''): Record<string, boolean> {
  if (typeof value === 'string') return {[path]: vercelStegaSplit(value).encoded !== ''}
  if (Array.isArray(value)) return Object.assign({}, ...value.map((item, index) => encoded(item, `${path}[${index}]`)))
  if (value && typeof value === 'object') return Object.assign({}, ...Object.entries(value).map(([key, item]) => encoded(item, path ? `${path}.${key}` : key)))
  return {}
}

it('encodes only the visible text of the article query', async () => {
  const client = createClient({
    ...lake.client().config(),
    stega: {enabled: true, studioUrl: 'http://localhost:3333/local', filter: stegaFilter},
  })
  const result = await client.fetch(articleBySlugQuery, {slug: 'x', language: 'ar'}, {perspective: 'drafts'})
  const strings = encoded(result)
  expect(Object.keys(strings).filter((path) => strings[path]).sort()).toEqual([
    'sections[0].body[0].children[0].text',
    'sections[0].heading',
    'sections[1].body[0].caption',
    'sections[1].body[0].display',
    'sections[1].heading',
    'title',
  ])
  expect(Object.keys(strings).filter((path) => !strings[path]).sort()).toEqual([
    '_id',
    'language',
    'publishedAt',
    'sections[0]._key',
    'sections[0].body[0]._key',
    'sections[0].body[0]._type',
    'sections[0].body[0].children[0]._key',
    'sections[0].body[0].children[0]._type',
    'sections[0].body[0].children[0].marks[0]',
    'sections[0].body[0].listItem',
    'sections[0].body[0].style',
    'sections[0].kind',
    'sections[1]._key',
    'sections[1].body[0]._key',
    'sections[1].body[0]._type',
    'sections[1].kind',
    'slug',
    'translation.fromLanguage',
    'translation.method',
  ])
})
