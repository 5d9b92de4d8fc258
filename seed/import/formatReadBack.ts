/** What `articleBySlugQuery` returns, as far as the read-back prints it. */
interface ReadBack {
  title?: string | null
  language?: string | null
  translation?: {isTranslation?: boolean | null; fromLanguage?: string | null; method?: string | null} | null
  sections?: Array<{kind?: string | null; heading?: string | null; body?: unknown[] | null}> | null
  originalSource?: {title?: string | null; url?: string | null; publishedAt?: string | null; publisher?: {name?: string | null} | null} | null
}

/** The caption of a big number is long; the read-back shows that it is there. */
const CAPTION_CHARS = 60

function bigNumberOf(body: unknown[] | null | undefined): string | null {
  const item = body?.find((b) => typeof b === 'object' && b !== null && '_type' in b && b._type === 'bigNumber')
  if (typeof item !== 'object' || item === null) return null
  const display = 'display' in item ? String(item.display) : '?'
  const value = 'value' in item ? String(item.value) : '?'
  const caption = 'caption' in item ? String(item.caption) : ''
  return `${display} (value ${value}) ${caption.length > CAPTION_CHARS ? `${caption.slice(0, CAPTION_CHARS)}…` : caption}`
}

/** An article as read back through the package's own query: title, sections, big number, original source. */
export function formatReadBack(article: ReadBack | null, wanted: {slug: string; language: string}): string[] {
  if (!article) return [`! ${wanted.slug} (${wanted.language}) was not found by articleBySlugQuery`]
  const t = article.translation
  const origin = t?.isTranslation ? `${t.method ?? 'unknown'} translation from ${t.fromLanguage ?? '?'}` : 'original'
  const lines = [`${article.title ?? '(no title)'}  [${article.language ?? '?'}, ${origin}]`]
  for (const section of article.sections ?? []) {
    const number = section.kind === 'bigNumber' ? bigNumberOf(section.body) : null
    lines.push(`  ${section.heading ?? '?'} (${section.kind ?? '?'})${number ? `: ${number}` : ''}`)
  }
  const source = article.originalSource
  if (source) {
    const parts = [source.title, source.publisher?.name, source.publishedAt?.slice(0, 10), source.url].filter(Boolean)
    lines.push(`  original source: ${parts.join(' · ')}`)
  }
  return lines
}
