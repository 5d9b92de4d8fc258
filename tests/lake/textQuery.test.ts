/**
 * `text::query()` on the lake: the Arabic-aware analyzer (spelling variants and leading clitics),
 * the query syntax, and the query shapes the Studio's `groq2024` search sends. `match` without
 * `text::query()` keeps GROQ's own meaning.
 */
import {afterAll, describe, expect, it} from 'vitest'

import {foldText, wordForms} from '../../lake/textAnalyzer.ts'
import {matchesTextQuery, parseTextQuery} from '../../lake/textQuery.ts'
import {startTestLake} from '../helpers/lake.ts'

describe('the analyzer', () => {
  it.each([
    ['أسلحة', 'اسلحه'],
    ['إسرائيل', 'اسراييل'],
    ['آخر', 'اخر'],
    ['مؤتمر', 'موتمر'],
    ['رئيس', 'رييس'],
    ['مستشفى', 'مستشفي'],
    ['كـــوريا', 'كوريا'],
    ['مُحَمَّد', 'محمد'],
    ['ٱلله', 'الله'],
    ['٣٫١ ۴', '3٫1 4'],
    ['NATO Café', 'nato cafe'],
    ['ﻻ', 'لا'],
  ])('folds %s to %s', (text, folded) => {
    expect(foldText(text)).toBe(folded)
  })

  it.each([
    ['والصين', ['والصين', 'الصين', 'صين']],
    ['للصين', ['للصين', 'لصين', 'الصين', 'صين']],
    ['بالحرب', ['بالحرب', 'الحرب', 'حرب']],
    ['ولد', ['ولد']],
    ['nato', ['nato']],
    ['وبالصين', ['وبالصين', 'بالصين', 'الصين', 'صين']],
  ])('gives %s the forms %j', (word, forms) => {
    expect(wordForms(word).sort()).toEqual(forms.sort())
  })

  it('takes at most three clitics off a word: a long run of clitic letters gives four forms, not one per letter', () => {
    const run = 'ب'.repeat(12_000)
    expect(wordForms(run).map((form) => form.length)).toEqual([12_000, 11_999, 11_998, 11_997])
  })
})

describe('text::query() syntax', () => {
  const doc = {title: 'كوريا الشمالية تنفي بيع أسلحة لموسكو', _type: 'article', tags: ['NATO']}
  it.each([
    ['اسلحة', true],
    ['كوريا اسلحة', true],
    ['كوريا الصين', false],
    ['موسكو', true],
    ['اسل*', true],
    ['اسل', false],
    ['"تنفي بيع"', true],
    ['"بيع تنفي"', false],
    ['-nato', false],
    ['كوريا -الصين', true],
    ['*', true],
    ['', true],
    ['article', false],
  ])('%j matches: %s', (query, matches) => {
    expect(matchesTextQuery(doc, parseTextQuery(query))).toBe(matches)
  })

  // The forms `لل` + stem gives start with `ال`, which the word's own letters do not hold.
  it.each([
    ['الصين', true],
    ['الص*', true],
    ['ا*', true],
    ['صين', true],
    ['الهند', false],
  ])('%j in a text that has only للصين matches: %s', (query, matches) => {
    expect(matchesTextQuery({body: ['للصين']}, parseTextQuery(query))).toBe(matches)
  })
})

describe('text::query() on the lake', async () => {
  const lake = await startTestLake()
  const client = lake.client({perspective: 'drafts'})
  afterAll(() => lake.close())
  await client
    .transaction()
    .create({_id: 'ar-1', _type: 'article', title: 'كوريا الشمالية تنفي بيع أسلحة لموسكو', sections: [{_key: 'b', bigNumber: {display: '٤', caption: 'مليارات دولار من والصين'}}]})
    .create({_id: 'en-1', _type: 'article', title: 'North Korea denies selling weapons'})
    .create({_id: 'drafts.en-2', _type: 'article', title: 'A draft about China'})
    .create({_id: 'src-1', _type: 'source', title: 'أسلحة'})
    .commit()

  const search = (query: string) =>
    client.fetch<string[]>('*[_type in $types && [@, _id] match text::query($text)] | order(_id)._id', {types: ['article'], text: query})

  it('finds Arabic spelling variants, words after a clitic, and big-number captions', async () => {
    expect(await search('اسلحة')).toEqual(['ar-1'])
    expect(await search('الصين')).toEqual(['ar-1'])
    expect(await search('مليار*')).toEqual(['ar-1'])
    expect(await search('china')).toEqual(['en-2'])
  })

  it('answers the Studio groq2024 search query shape, scored', async () => {
    const result = await client.fetch(
      '*[_type in $__types] | score(boost(_type in ["article"] && title match text::query($__query), 10), ([@, _id] match text::query($__query) || references($__rawQuery))) [_score > 0] {_type, _id, _originalId} | order(_score desc) [0...$__limit]',
      {__types: ['article', 'source'], __query: 'اسلح*', __rawQuery: 'اسلح', __limit: 11},
    )
    expect(result).toEqual([
      {_type: 'article', _id: 'ar-1', _originalId: 'ar-1'},
      {_type: 'source', _id: 'src-1', _originalId: 'src-1'},
    ])
  })

  it('leaves GROQ match as it is', async () => {
    expect(await client.fetch('*[title match "اسلحة"]._id')).toEqual([])
  })

  it('says what text::query() takes', async () => {
    await expect(client.fetch('*[title match text::query(1)]')).rejects.toThrow('text::query() takes one string, e.g. text::query("north korea")')
  })

  it('says where text::query() works when it is called anywhere but on the right of match', async () => {
    for (const query of ['text::query("north")', '*[text::query("north")]', '*[_type == "article"] | score(text::query("north"))']) {
      await expect(client.fetch(query)).rejects.toMatchObject({
        statusCode: 400,
        response: {body: {error: {type: 'queryExecutionError', query, description: 'text::query() works on the right of match only, e.g. *[[@, _id] match text::query("north korea")]'}}},
      })
    }
  })
})
