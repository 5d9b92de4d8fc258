/**
 * Content Source Maps, read back with @sanity/client's own helpers: `resolveEditInfo`
 * (@sanity/client/csm) and stega encoding (`stega` option, decoded with @vercel/stega).
 */
import {resolveEditInfo} from '@sanity/client/csm'
import {createClient} from '@sanity/client/stega'
import {vercelStegaDecode, vercelStegaSplit} from '@vercel/stega'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {startTestLake} from '../helpers/lake.ts'

const lake = await startTestLake()
const client = lake.client()
afterAll(() => lake.close())

const QUERY = `*[_type == "csmArticle" && slug.current == $slug][0]{
  _id, title, "slug": slug.current,
  sections[]{_key, heading, body},
  "source": source->{_id, title},
  "shout": upper(title)
}`

beforeAll(async () => {
  await client.create({_id: 'csm-source', _type: 'csmSource', title: 'The original'})
  await client.create({
    _id: 'csm-article',
    _type: 'csmArticle',
    title: 'North Korea denies it',
    slug: {_type: 'slug', current: 'nk'},
    sections: [
      {_key: 'top', heading: 'Topline', body: [{_key: 'p1', _type: 'block', children: [{_key: 's1', _type: 'span', text: 'The lead.'}]}]},
      {_key: 'big', heading: 'Big Number', body: [{_key: 'n1', _type: 'bigNumber', display: '3', caption: 'Countries.'}]},
    ],
    source: {_type: 'reference', _ref: 'csm-source'},
  })
  await client.create({_id: 'drafts.csm-article', _type: 'csmArticle', title: 'Draft title', slug: {_type: 'slug', current: 'nk'}, sections: []})
})

const studioUrl = 'https://studio.test'

describe('resultSourceMap', () => {
  it('maps projected, renamed, keyed and dereferenced values; a computed value stays unmapped', async () => {
    const {result, resultSourceMap} = await client.fetch(QUERY, {slug: 'nk'}, {filterResponse: false, resultSourceMap: 'withKeyArraySelector'})
    expect(resultSourceMap!.documents).toEqual([
      {_id: 'csm-article', _type: 'csmArticle'},
      {_id: 'csm-source', _type: 'csmSource'},
    ])
    const edit = (path: Array<string | number>) => {
      const info = resolveEditInfo({resultSourceMap: resultSourceMap!, resultPath: path, studioUrl})
      return info && {id: info.id, path: info.path}
    }
    expect(edit(['title'])).toEqual({id: 'csm-article', path: ['title']})
    expect(edit(['slug'])).toEqual({id: 'csm-article', path: ['slug', 'current']})
    expect(edit(['sections', 1, 'heading'])).toEqual({id: 'csm-article', path: ['sections', {_key: 'big', _index: -1}, 'heading']})
    // Keyed segments come back from the client's parser with `_index: -1` (the key is what counts).
    // `body` passed through unchanged: nested values resolve by path suffix.
    expect(edit(['sections', 0, 'body', 0, 'children', 0, 'text'])).toEqual({
      id: 'csm-article',
      path: ['sections', {_key: 'top', _index: -1}, 'body', {_key: 'p1', _index: -1}, 'children', {_key: 's1', _index: -1}, 'text'],
    })
    expect(edit(['sections', 1, 'body', 0, 'display'])).toEqual({
      id: 'csm-article',
      path: ['sections', {_key: 'big', _index: -1}, 'body', {_key: 'n1', _index: -1}, 'display'],
    })
    expect(edit(['source', 'title'])).toEqual({id: 'csm-source', path: ['title']})
    expect(edit(['shout'])).toBeUndefined()
    expect(result.shout).toBe('NORTH KOREA DENIES IT')
  })

  it('writes index paths without withKeyArraySelector', async () => {
    const {resultSourceMap} = await client.fetch(QUERY, {slug: 'nk'}, {filterResponse: false, resultSourceMap: true})
    expect(resultSourceMap!.paths).toContain("$['sections'][1]['heading']")
    expect(resultSourceMap!.paths.some((path) => path.includes('?(@._key'))).toBe(false)
  })

  it('points draft values at the draft document under the drafts perspective', async () => {
    const {resultSourceMap} = await client.fetch(QUERY, {slug: 'nk'}, {filterResponse: false, resultSourceMap: 'withKeyArraySelector', perspective: 'drafts'})
    const info = resolveEditInfo({resultSourceMap: resultSourceMap!, resultPath: ['title'], studioUrl})
    expect({id: info?.id, path: info?.path}).toEqual({id: 'drafts.csm-article', path: ['title']})
  })

  it('lets the stega client encode edit links into the strings', async () => {
    const stega = createClient({...client.config(), stega: {enabled: true, studioUrl}})
    const result = await stega.fetch(QUERY, {slug: 'nk'})
    const {cleaned, encoded} = vercelStegaSplit(result.title)
    expect(cleaned).toBe('North Korea denies it')
    expect(vercelStegaDecode(encoded)).toEqual({
      origin: 'sanity.io',
      href: `${studioUrl}/intent/edit/mode=presentation;id=csm-article;type=csmArticle;path=title?baseUrl=https%3A%2F%2Fstudio.test&id=csm-article&type=csmArticle&path=title&perspective=published`,
    })
    expect(vercelStegaSplit(result.shout).encoded).toBe('')
  })
})
