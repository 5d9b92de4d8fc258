import {getPublishedId, type SlugSourceContext, type SlugValidationContext} from 'sanity'
import {articleSlugIsFreeQuery, sourceUrlQuery} from '../studio/studioQueries.ts'

const API_VERSION = '2025-02-19'

/** The last path segment of a URL, e.g. the Forbes slug of the original article, or '' when there is none. */
export function slugFromUrl(url: string): string {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean)
    return segments.at(-1) ?? ''
  } catch {
    return ''
  }
}

function refOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('_ref' in value)) return undefined
  return typeof value._ref === 'string' ? value._ref : undefined
}

function isTranslated(translation: unknown): boolean {
  return (
    typeof translation === 'object' &&
    translation !== null &&
    'isTranslation' in translation &&
    translation.isTranslation === true
  )
}

/**
 * What the “Generate” button slugifies: for a translation, the URL slug of the original article
 * (so every language version shares one slug); otherwise the title.
 */
export async function articleSlugSource(
  document: Record<string, unknown>,
  context: SlugSourceContext,
): Promise<string> {
  const sourceId = refOf(document.originalSource)
  if (isTranslated(document.translation) && sourceId) {
    const client = context.getClient({apiVersion: API_VERSION})
    const url = await client.fetch(sourceUrlQuery, {id: sourceId})
    const fromUrl = url ? slugFromUrl(url) : ''
    if (fromUrl) return fromUrl
  }
  return typeof document.title === 'string' ? document.title : ''
}

/**
 * A slug is unique per language: a translation deliberately shares its original's slug, and a
 * document never clashes with its own draft, published copy or release versions
 * (`versions.<release>.<id>` is the same document as `<id>`).
 */
export async function isUniqueArticleSlug(slug: string, context: SlugValidationContext): Promise<boolean> {
  const {document, getClient} = context
  if (!document) return true
  const published = getPublishedId(document._id)
  const language = typeof document.language === 'string' ? document.language : null
  const client = getClient({apiVersion: API_VERSION})
  return client.fetch(articleSlugIsFreeQuery, {draft: `drafts.${published}`, published, slug, language})
}
