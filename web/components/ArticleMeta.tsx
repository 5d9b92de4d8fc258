/**
 * What an article says about itself, in its own language: authors and publisher, published and
 * updated times, the original source with a machine-translation notice, and corrections.
 */
import type {PageArticle} from '../lib/pageArticle.ts'
import {stegaClean} from 'next-sanity'
import {formatDate, languageName, phrases} from '../lib/language.ts'

type Article = PageArticle

const languageOf = (article: Article) => stegaClean(article.language) ?? 'en'

/** Byline (authors, publisher) and dates. */
export function ArticleMeta({article}: {article: Article}) {
  const language = languageOf(article)
  const words = phrases(language)
  const authors = (article.authors ?? []).map((person) => person.name).filter(Boolean)
  return (
    <>
      <p className="byline">
        {authors.length ? <span className="authors">{`${words.by} ${authors.join('، ')}`}</span> : null}
        {authors.length && article.publisher ? ' · ' : null}
        {article.publisher ? (
          <a className="publisher" href={article.publisher.url ?? undefined}>
            {article.publisher.name}
          </a>
        ) : null}
      </p>
      <p className="dates">
        {article.publishedAt ? (
          <span>
            {words.published} <time dateTime={article.publishedAt}>{formatDate(article.publishedAt, language)}</time>
          </span>
        ) : null}
        {article.updatedAt ? (
          <span className="updated">
            {' · '}
            {words.updated} <time dateTime={article.updatedAt}>{formatDate(article.updatedAt, language)}</time>
          </span>
        ) : null}
      </p>
    </>
  )
}

/** The original source, and a notice when the article is a (machine) translation. */
export function Provenance({article}: {article: Article}) {
  const language = languageOf(article)
  const words = phrases(language)
  const translation = article.translation
  const from = translation?.fromLanguage ? languageName(stegaClean(translation.fromLanguage), language) : ''
  const method = stegaClean(translation?.method) ?? 'unknown'
  const source = article.originalSource
  return (
    <>
      {translation?.isTranslation ? (
        <p className="translation-notice" role="note" data-method={method}>
          {method === 'machine' ? words.machineTranslation(from) : words.translation(from)}
        </p>
      ) : null}
      {source ? (
        <p className="provenance original-source">
          {words.originalSource}:{' '}
          <a href={source.url ?? undefined} hrefLang={source.language ?? undefined} lang={source.language ?? undefined}>
            {source.title}
          </a>
          {source.publisher?.name ? ` (${source.publisher.name})` : null}
        </p>
      ) : null}
    </>
  )
}

/** Corrections, oldest first as recorded. */
export function Corrections({article}: {article: Article}) {
  const corrections = article.corrections ?? []
  if (corrections.length === 0) return null
  const language = languageOf(article)
  const words = phrases(language)
  return (
    <aside className="corrections">
      <h2>{words.corrections}</h2>
      <ul>
        {corrections.map((item) => (
          <li key={item._key} data-kind={stegaClean(item.kind) ?? 'correction'}>
            <strong>{words.correctionKinds[stegaClean(item.kind) ?? 'correction'] ?? item.kind}</strong>
            {item.date ? (
              <>
                {' '}
                <time dateTime={item.date}>{formatDate(item.date, language)}</time>
              </>
            ) : null}
            {': '}
            {item.text}
          </li>
        ))}
      </ul>
    </aside>
  )
}
