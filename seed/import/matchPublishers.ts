import type {SanityClient} from '@sanity/client'
import type {ArticleDocuments, SourceDocument} from '../parse/documentTypes.ts'
import {normalizeForMatch} from '../parse/normalizeForMatch.ts'
import {publisherNamesQuery} from './seedQueries.ts'

/** Publisher ids by normalised name or alias, as editors keep them in the dataset. */
export type PublisherNames = Map<string, string>

/** Reads every publisher's name and aliases once per run (a dataset has tens of publishers, not thousands). */
export async function loadPublisherNames(client: SanityClient): Promise<PublisherNames> {
  const publishers = await client.fetch(publisherNamesQuery)
  const names: PublisherNames = new Map()
  for (const publisher of publishers) {
    for (const name of [publisher.name, ...(publisher.aliases ?? [])]) {
      if (typeof name === 'string' && name.trim() !== '') names.set(normalizeForMatch(name), publisher._id)
    }
  }
  return names
}

/**
 * The id of the publisher the dataset keeps under this normalised name or alias, when it is not
 * the one the seed would write (`id`); else null. What `matchPublishers` remaps, and what
 * `withPublishers` looks for before it prepares an article again.
 */
export function existingPublisher(names: PublisherNames, normalizedName: string, id: string): string | null {
  const existing = names.get(normalizedName)
  return existing !== undefined && existing !== id ? existing : null
}

/**
 * Points sources at publishers the dataset already has under the printed name or an alias (an
 * editor added "الجزيرة" to Al Jazeera's aliases): the parser's own publisher document for that
 * name is then not written.
 */
export function matchPublishers(documents: ArticleDocuments, names: PublisherNames): ArticleDocuments {
  const remap = new Map<string, string>()
  for (const doc of documents.related) {
    if (doc._type !== 'publisher') continue
    const existing = existingPublisher(names, normalizeForMatch(doc.name), doc._id)
    if (existing) remap.set(doc._id, existing)
  }
  if (remap.size === 0) return documents
  const repoint = (source: SourceDocument): SourceDocument => {
    const target = source.publisher ? remap.get(source.publisher._ref) : undefined
    return target && source.publisher ? {...source, publisher: {...source.publisher, _ref: target}} : source
  }
  const publisher = documents.article.publisher
  const target = publisher ? remap.get(publisher._ref) : undefined
  return {
    file: documents.file,
    article: target && publisher ? {...documents.article, publisher: {...publisher, _ref: target}} : documents.article,
    related: documents.related
      .filter((doc) => !remap.has(doc._id))
      .map((doc) => (doc._type === 'source' ? repoint(doc) : doc)),
  }
}
