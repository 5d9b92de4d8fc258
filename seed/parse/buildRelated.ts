import type {ArticleModel, ReadingItem} from './articleModel.ts'
import type {PersonDocument, PublisherDocument, Reference, SourceDocument} from './documentTypes.ts'
import {detectLanguage} from './detectLanguage.ts'
import {idHash, itemKey, slugify} from './ids.ts'
import {normalizeForMatch} from './normalizeForMatch.ts'
import {lastPathSegment} from './parseSourceUrl.ts'
import {publisherByName, publisherByUrl, type KnownPublisher} from './publishers.ts'

/** The documents an article points to, collected once each, in the order first referenced. */
export interface Related {
  publishers: Map<string, PublisherDocument>
  people: Map<string, PersonDocument>
  sources: Map<string, SourceDocument>
}

/** Keys in sorted order, like every object the parser builds (see buildSections.ts). */
export const reference = (id: string, key?: string): Reference =>
  key ? {_key: key, _ref: id, _type: 'reference'} : {_ref: id, _type: 'reference'}

function knownPublisher(related: Related, known: KnownPublisher): string {
  const id = `publisher-${known.slug}`
  if (!related.publishers.has(id)) {
    related.publishers.set(id, {_id: id, _type: 'publisher', name: known.name, url: known.url, aliases: [...known.aliases]})
  }
  return id
}

/** The publisher id for a name as printed: a known publisher by name or alias, or a new one. */
function publisherForName(related: Related, name: string): string {
  const known = publisherByName(name)
  if (known) return knownPublisher(related, known)
  const id = `publisher-${slugify(name) || idHash(normalizeForMatch(name))}`
  if (!related.publishers.has(id)) related.publishers.set(id, {_id: id, _type: 'publisher', name})
  return id
}

/** Title Case of a URL slug: the best title the closing source line gives for the original. */
function titleFromSlug(slug: string): string {
  return slug
    .split('-')
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ')
}

/** The original article of the closing source line, its publisher and (Forbes) author. */
export function addOriginal(related: Related, article: ArticleModel): {source: string; publisher?: string; person?: string} {
  const {source} = article
  const publisher = source.publisher ? knownPublisher(related, source.publisher) : undefined
  let person: string | undefined
  if (source.authorSlug) {
    person = `person-${source.authorSlug}`
    related.people.set(person, {_id: person, _type: 'person', name: source.authorSlug, slug: {_type: 'slug', current: source.authorSlug}})
  }
  const url = new URL(source.url)
  const id = `source-${idHash(source.url)}`
  related.sources.set(id, {
    _id: id,
    _type: 'source',
    title: titleFromSlug(source.slug ?? slugify(lastPathSegment(url))) || url.hostname,
    url: source.url,
    ...(publisher ? {publisher: reference(publisher)} : {}),
    ...(source.date ? {publishedAt: `${source.date}T00:00:00.000Z`} : {}),
    ...(source.publisher ? {language: source.publisher.language} : {}),
  })
  return {source: id, publisher, person}
}

/** A "Further Reading" line as a `source` document; returns the article's reference to it. */
export function addReading(related: Related, articleId: string, item: ReadingItem, index: number): Reference {
  // Without a printed "(Publisher)", a known publisher's address names it, as the source line's does.
  const byUrl = !item.publisherName && item.url ? publisherByUrl(new URL(item.url)) : null
  const publisher = item.publisherName ? publisherForName(related, item.publisherName) : byUrl ? knownPublisher(related, byUrl) : undefined
  const id = `source-${idHash(item.url ?? `${normalizeForMatch(item.title)}|${publisher ?? ''}`)}`
  if (!related.sources.has(id)) {
    related.sources.set(id, {
      _id: id,
      _type: 'source',
      title: item.title,
      ...(item.url ? {url: item.url} : {}),
      ...(publisher ? {publisher: reference(publisher)} : {}),
      language: detectLanguage([item.title]),
    })
  }
  return reference(id, itemKey(articleId, `furtherReading${index}`))
}
