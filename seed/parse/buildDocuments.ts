import type {ArticleModel} from './articleModel.ts'
import {addOriginal, addReading, reference, type Related} from './buildRelated.ts'
import {buildSections} from './buildSections.ts'
import type {ArticleDocument, ArticleDocuments, Reference, Translation} from './documentTypes.ts'
import {idHash, itemKey, slugify} from './ids.ts'
import {lastPathSegment} from './parseSourceUrl.ts'

/** Search engines show about 160 characters of a description (the schema warns past it). */
const DESCRIPTION_MAX = 160

function describe(article: ArticleModel): string | undefined {
  const topline = article.sections.find((s) => s.kind === 'topline')?.paragraphs[0]?.text
  if (!topline) return undefined
  const flat = topline.replace(/\s+/g, ' ')
  if (flat.length <= DESCRIPTION_MAX) return flat
  const cut = flat.slice(0, DESCRIPTION_MAX - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > DESCRIPTION_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,،.;:]+$/, '')}…`
}

/**
 * Translation provenance: an article in another language than its source is a machine
 * translation from that language, unless the front matter says otherwise.
 */
function translationOf(article: ArticleModel): Translation {
  const {translation: method, from} = article.frontMatter
  const sourceLanguage = from ?? article.source.publisher?.language
  if (method === 'none') return {_type: 'translation', isTranslation: false}
  if (method || (sourceLanguage && sourceLanguage !== article.language)) {
    return {
      _type: 'translation',
      ...(sourceLanguage ? {fromLanguage: sourceLanguage} : {}),
      isTranslation: true,
      method: method ?? 'machine',
    }
  }
  return {_type: 'translation', isTranslation: false}
}

/**
 * The article slug: the front matter's, else the original's slug from a Forbes source URL (a
 * translation shares its original's slug), else the title slugified, else the source URL's last
 * path segment, else a hash of the title.
 */
function slugOf(article: ArticleModel): string {
  const lastSegment = lastPathSegment(new URL(article.source.url))
  return (
    article.frontMatter.slug ??
    article.source.slug ??
    (slugify(article.title) || slugify(lastSegment.replace(/\.[a-z0-9]+$/i, '')) || idHash(article.title))
  )
}

/**
 * The `_id` of the article in `language` with `slug`. The language is part of it: a translation
 * keeps its original's slug, and both can live in one dataset.
 */
export function articleId(language: string, slug: string): string {
  return `article-${language}-${slug}`
}

/**
 * Turns a parsed article into the Sanity documents of the content model, with deterministic
 * `_id`s (`article-<language>-<slug>`, `source-<hash>`, `publisher-<slug>`, `person-<slug>`) and `_key`s.
 */
export function buildDocuments(article: ArticleModel): ArticleDocuments {
  const slug = slugOf(article)
  const id = articleId(article.language, slug)
  const related: Related = {publishers: new Map(), people: new Map(), sources: new Map()}
  const original = addOriginal(related, article)
  const furtherReading: Reference[] = []
  const seen = new Set<string>()
  for (const item of article.sections.flatMap((s) => s.readings)) {
    const ref = addReading(related, id, item, furtherReading.length)
    if (!seen.has(ref._ref)) furtherReading.push(ref)
    seen.add(ref._ref)
  }
  const description = describe(article)
  const doc: ArticleDocument = {
    _id: id,
    _type: 'article',
    title: article.title,
    slug: {_type: 'slug', current: slug},
    language: article.language,
    ...(description ? {description} : {}),
    sections: buildSections(id, article.sections),
    originalSource: reference(original.source),
    translation: translationOf(article),
    ...(furtherReading.length > 0 ? {furtherReading} : {}),
    ...(original.person ? {authors: [reference(original.person, itemKey(id, 'author0'))]} : {}),
    ...(original.publisher ? {publisher: reference(original.publisher)} : {}),
    ...(article.source.date ? {publishedAt: `${article.source.date}T00:00:00.000Z`} : {}),
  }
  return {
    file: article.file,
    article: doc,
    related: [...related.publishers.values(), ...related.people.values(), ...related.sources.values()],
  }
}
