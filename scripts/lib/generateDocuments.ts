/**
 * Deterministic article-like documents for tests and the bench: articles with slugs, sections
 * of Portable Text, references to people and publishers, plus drafts and release versions.
 */
import type {LakeDocument} from '../../lake/types.ts'

const LANGUAGES = ['en', 'ar', 'fr']
const WORDS = ['north', 'korea', 'denies', 'weapons', 'moscow', 'isolation', 'markets', 'rally', 'oil', 'price', 'talks', 'stall']

export interface GenerateOptions {
  articles: number
  /** Fraction of articles that also get a draft (and half as many a release version). */
  draftRatio?: number
  /** Adds odd values (missing/number/object `publishedAt`, numeric slugs) to test edge cases. */
  oddities?: boolean
  seed?: number
}

/** The documents, published first, then drafts and versions. */
export function generateArticleDocuments(options: GenerateOptions): LakeDocument[] {
  const random = mulberry32(options.seed ?? 42)
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T
  const people = Math.max(2, Math.ceil(options.articles / 50))
  const docs: LakeDocument[] = []
  for (let i = 0; i < people; i++) docs.push({_id: `person-${i}`, _type: 'person', name: `Person ${i}`, slug: {_type: 'slug', current: `person-${i}`}})
  for (let i = 0; i < 5; i++) docs.push({_id: `publisher-${i}`, _type: 'publisher', name: `Publisher ${i}`})
  const start = Date.UTC(2024, 0, 1)
  for (let i = 0; i < options.articles; i++) {
    const title = Array.from({length: 6}, () => pick(WORDS)).join(' ')
    const article: LakeDocument = {
      _id: `article-${i}`,
      _type: 'article',
      title,
      slug: {_type: 'slug', current: `article-${i}`},
      language: pick(LANGUAGES),
      rank: i % 7,
      publishedAt: new Date(start + Math.floor(random() * 600 * 86_400_000)).toISOString(),
      authors: Array.from({length: 1 + (i % 3)}, (_, k) => ({_key: `a${k}`, _type: 'reference', _ref: `person-${(i + k) % people}`})),
      publisher: {_type: 'reference', _ref: `publisher-${i % 5}`},
      sections: Array.from({length: 3}, (_, s) => ({
        _key: `s${s}`,
        _type: 'articleSection',
        kind: pick(['topline', 'keyFacts', 'keyBackground']),
        heading: pick(WORDS),
        body: [{_key: `b${s}`, _type: 'block', style: 'normal', children: [{_key: 'c', _type: 'span', marks: [], text: Array.from({length: 40}, () => pick(WORDS)).join(' ')}], markDefs: []}],
      })),
    }
    if (options.oddities && i % 11 === 0) {
      const odd = [undefined, 17, {date: 'x'}, null, true][Math.floor(i / 11) % 5]
      if (odd === undefined) delete article.publishedAt
      else article.publishedAt = odd
    }
    if (options.oddities && i % 13 === 0) article.slug = {_type: 'slug', current: 7}
    docs.push(article)
  }
  const drafts = Math.floor(options.articles * (options.draftRatio ?? 0.1))
  for (let i = 0; i < drafts; i++) {
    const base = docs.find((doc) => doc._id === `article-${i * 3}`)
    if (!base) continue
    docs.push({...base, _id: `drafts.${base._id}`, title: `${String(base.title)} (draft)`, language: i % 2 ? 'ar' : 'en'})
    if (i % 2 === 0) docs.push({...base, _id: `versions.rSpring.${base._id}`, title: `${String(base.title)} (spring)`})
  }
  for (let i = 0; i < drafts / 4; i++) docs.push({_id: `drafts.article-new-${i}`, _type: 'article', title: `New ${i}`, slug: {_type: 'slug', current: `new-${i}`}})
  return docs
}

/** A small, fast, seedable PRNG (so generated data is identical on every run). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
