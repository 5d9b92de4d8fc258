import {afterEach, describe, expect, it} from 'vitest'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fieldSql} from '../../lake/store/fieldIndexes.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

let lake: TestLake | null = null
const dirs: string[] = []
afterEach(async () => {
  await lake?.close()
  lake = null
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
})

/** The indexes and triggers the lake made in the dataset, by kind. */
function lakeMade(): string[] {
  const db = lake!.running.lake.dataset('production')!.db
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'documents_%\\_%' ESCAPE '\\' AND name NOT IN ('documents_type', 'documents_pub')").all()
  return rows.map((row) => String(row.name).replace(/_[0-9a-f]{12}/, '')).sort()
}

async function anonymous(text: string): Promise<unknown> {
  const response = await fetch(`${lake!.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(text)}`)
  return ((await response.json()) as {result: unknown}).result
}

const QUERIES = ['*[_type == "doc"] | order(i desc) [0...2]._id', '*["b" in tags]._id', '*[code == "c3"]._id']

describe('field indexes', () => {
  it('are made for token holders\' queries, never for anonymous ones', async () => {
    lake = await startTestLake()
    const docs = Array.from({length: 6}, (_, i) => ({createOrReplace: {_id: `doc-${i}`, _type: 'doc', i, code: `c${i}`, tags: i % 2 ? ['a', 'b'] : ['a']}}))
    await lake.client().mutate(docs)
    expect(await Promise.all(QUERIES.map(anonymous))).toEqual([['doc-5', 'doc-4'], ['doc-1', 'doc-3', 'doc-5'], ['doc-3']])
    expect(lakeMade()).toEqual([])
    const client = lake.client()
    expect(await Promise.all(QUERIES.map((query) => client.fetch(query)))).toEqual([['doc-5', 'doc-4'], ['doc-1', 'doc-3', 'doc-5'], ['doc-3']])
    expect(lakeMade()).toEqual([
      'documents_field',
      'documents_member_delete',
      'documents_member_insert',
      'documents_member_update',
      'documents_order',
    ])
  })

  it('are bounded per dataset, across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lake-indexes-'))
    dirs.push(dir)
    lake = await startTestLake({dir})
    await lake.client().create({_id: 'doc', _type: 'doc'})
    const fields = Array.from({length: 24}, (_, i) => `*[f${i} == 1]._id`)
    for (const query of fields.slice(0, 12)) await lake.client().fetch(query)
    expect(lakeMade()).toHaveLength(12)
    await lake.close()
    lake = await startTestLake({dir})
    for (const query of fields.slice(12)) await lake.client().fetch(query)
    expect(lakeMade()).toHaveLength(16)
  })

  it('are known to SQLite\'s planner: an article is searched by its slug, not by its language', async () => {
    lake = await startTestLake()
    const articles = Array.from({length: 200}, (_, i) => ({
      createOrReplace: {_id: `article-${i}`, _type: 'article', slug: {current: `s-${i}`}, language: i % 2 ? 'en' : 'ar'},
    }))
    await lake.client().mutate(articles)
    // The slug's index first, the language's second: without statistics SQLite takes the newer one.
    expect(await lake.client().fetch('*[_type == "article" && slug.current == "s-7"][0]._id')).toBe('article-7')
    expect(await lake.client().fetch('*[_type == "article" && slug.current == "s-7" && language == "en"][0]._id')).toBe('article-7')
    const slug = fieldSql(['slug', 'current'])!
    const language = fieldSql(['language'])!
    const plan = lake.running.lake
      .dataset('production')!
      .db.prepare(`EXPLAIN QUERY PLAN SELECT json FROM documents WHERE type IN (?) AND ${slug.expression} IN (?) AND ${language.expression} IN (?) ORDER BY id`)
      .all('article', 's-7', 'en')
      .map((row) => String(row.detail))
    expect(plan[0]).toBe(`SEARCH documents USING INDEX ${slug.index} (<expr>=?)`)
  })
})
