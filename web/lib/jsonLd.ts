/**
 * schema.org NewsArticle JSON-LD for an article page. Pure: the page's query result in, an object
 * out; `jsonLdScript` makes it safe inside a <script> element.
 */
import type {ArticleBySlugQueryResult} from '../../sanity.types.ts'
import {absolute, articlePath} from './urls.ts'

type Article = NonNullable<ArticleBySlugQueryResult>
type Source = NonNullable<Article['originalSource']>

function creativeWork(source: Source): Record<string, unknown> {
  return {
    '@type': 'CreativeWork',
    ...(source.title ? {name: source.title} : {}),
    ...(source.url ? {url: source.url} : {}),
    ...(source.language ? {inLanguage: source.language} : {}),
    ...(source.author ? {author: {'@type': 'Person', name: source.author}} : {}),
    ...(source.publisher?.name ? {publisher: {'@type': 'Organization', name: source.publisher.name}} : {}),
  }
}

/** The NewsArticle object for `article`. */
export function newsArticleJsonLd(article: Article): Record<string, unknown> {
  const url = absolute(articlePath(article.language ?? '', article.slug ?? ''))
  const original = article.originalSource ? creativeWork(article.originalSource) : null
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: url,
    headline: article.title ?? '',
    ...(article.description ? {description: article.description} : {}),
    inLanguage: article.language ?? '',
    ...(article.publishedAt ? {datePublished: article.publishedAt} : {}),
    ...(article.updatedAt ?? article.publishedAt ? {dateModified: article.updatedAt ?? article.publishedAt} : {}),
    author: (article.authors ?? []).map((person) => ({'@type': 'Person', name: person.name})),
    ...(article.publisher ? {publisher: {'@type': 'Organization', name: article.publisher.name, ...(article.publisher.url ? {url: article.publisher.url} : {})}} : {}),
    ...(original ? {isBasedOn: original} : {}),
    ...(original && article.translation?.isTranslation ? {translationOfWork: original} : {}),
    citation: (article.furtherReading ?? []).map(creativeWork),
    correction: (article.corrections ?? []).map((item) => ({
      '@type': 'CorrectionComment',
      text: item.text ?? '',
      ...(item.date ? {datePublished: item.date} : {}),
    })),
  }
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no text can close the element. */
export function jsonLdScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}
