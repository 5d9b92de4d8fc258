import {getPublishedId, type SlugSourceContext, type SlugValidationContext} from 'sanity'
import {articleSlugIsFreeQuery, sourceUrlQuery} from '../studio/studioQueries.ts'

/** Long enough for Forbes slugs (the seed's is 75 characters), short enough for a URL. */
const MAX_SLUG_LENGTH = 96

const API_VERSION = '2025-02-19'

/** Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹, Persian and Urdu) digits as 0-9. */
function westernDigits(input: string): string {
  return input.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String((digit.codePointAt(0) ?? 0) & 0xf))
}

/** A slug that names something: at least one Latin letter (`3-1` says nothing in a URL). */
const HAS_LETTER = /[a-z]/

/** Whether a slug is only digits and hyphens, e.g. `3-1`: never generated, refused by validation. */
export function isDigitsOnlySlug(slug: string): boolean {
  return slug !== '' && !HAS_LETTER.test(slug)
}

/**
 * Turns text into a slug of [a-z0-9-]: accents are dropped, Arabic-script digits become 0-9,
 * everything else becomes a hyphen. Arabic, Persian, Hebrew and Urdu letters are not
 * transliterated, so an Arabic title gives '' — also when it holds a number: the digits alone
 * (`3-1` from “… 3.1% …”) would make a slug that says nothing, so the editor types one instead.
 */
export function slugify(input: string): string {
  const slug = westernDigits(input)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, '')
  return isDigitsOnlySlug(slug) ? '' : slug
}

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
