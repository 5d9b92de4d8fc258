import type {ArticleBody, ArticleBySlugQueryResult} from '../../sanity.types.ts'

/** The caption of a big number is long; the read-back shows that it is there. */
const CAPTION_CHARS = 60

function bigNumberOf(body: ArticleBody | null): string | null {
  const item = body?.find((block) => block._type === 'bigNumber')
  if (item?._type !== 'bigNumber') return null
  const display = item.display ?? '?'
  const value = item.value ?? '?'
  const caption = item.caption ?? ''
  return `${display} (value ${value}) ${caption.length > CAPTION_CHARS ? `${caption.slice(0, CAPTION_CHARS)}…` : caption}`
}

/** An article as read back through the package's own query: title, sections, big number, original source. */
export function formatReadBack(article: ArticleBySlugQueryResult, wanted: {slug: string; language: string}): string[] {
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
