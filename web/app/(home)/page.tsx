import type {Metadata} from 'next'
import {stegaClean} from 'next-sanity'
import {Suspense} from 'react'
import {articleIndexQuery} from '../../../queries/index.ts'
import type {StegaBranded} from 'next-sanity'
import type {ArticleIndexQueryResult} from '../../../sanity.types.ts'
import {direction, formatDate, languageName, phrases} from '../../lib/language.ts'
import {SITE_NAME} from '../../lib/site.ts'
import {articlePath, feedPaths} from '../../lib/urls.ts'
import {draftFetchOptions, isDraftMode, PUBLISHED, type FetchOptions} from '../../sanity/draftMode.ts'
import {cachedSanity} from '../../sanity/live.ts'

/** The index as the query returns it: clean, or in draft mode with stega in its titles. */
type Index = Array<ArticleIndexQueryResult[number] | StegaBranded<ArticleIndexQueryResult>[number]>

async function articles(options: FetchOptions = PUBLISHED): Promise<Index> {
  const {data} = await cachedSanity({query: articleIndexQuery, ...options})
  return data
}

/** Articles grouped by language (first seen first: the query is newest first). */
function byLanguage(list: Index): Map<string, Index> {
  const groups = new Map<string, Index>()
  for (const article of list) {
    const language = stegaClean(article.language) ?? ''
    groups.set(language, [...(groups.get(language) ?? []), article])
  }
  return groups
}

export async function generateMetadata(): Promise<Metadata> {
  const languages = [...byLanguage(await articles()).keys()]
  return {
    title: SITE_NAME,
    alternates: {
      types: {
        'application/rss+xml': languages.map((language) => ({url: feedPaths(language).rss, title: `${SITE_NAME} (${language}) RSS`})),
        'application/atom+xml': languages.map((language) => ({url: feedPaths(language).atom, title: `${SITE_NAME} (${language}) Atom`})),
        'application/feed+json': languages.map((language) => ({url: feedPaths(language).json, title: `${SITE_NAME} (${language}) JSON Feed`})),
      },
    },
  }
}

/** The front page; in draft mode (the Presentation tool) with drafts and edit overlays. */
export default async function HomePage() {
  if (await isDraftMode()) {
    return (
      <Suspense fallback={null}>
        <DraftHomePage />
      </Suspense>
    )
  }
  return <ArticleIndex list={await articles()} />
}

async function DraftHomePage() {
  return <ArticleIndex list={await articles(await draftFetchOptions())} />
}

/** Every language's articles, newest first. */
function ArticleIndex({list}: {list: Index}) {
  const groups = byLanguage(list)
  return (
    <main>
      <h1>{SITE_NAME}</h1>
      {[...groups].map(([language, list]) => (
        <section key={language} lang={language} dir={direction(language)} className="language-group" data-language={language}>
          <h2>{languageName(language, language)}</h2>
          <ul className="article-list">
            {list.map((article) => (
              <li key={article._id}>
                <a href={articlePath(language, article.slug ?? '')}>{article.title}</a>
                {article.publishedAt ? <span className="dates"> · <time dateTime={article.publishedAt}>{formatDate(article.publishedAt, language)}</time></span> : null}
              </li>
            ))}
          </ul>
          <p className="dates">
            {phrases(language).feeds}: <a href={feedPaths(language).rss}>RSS</a> · <a href={feedPaths(language).atom}>Atom</a> ·{' '}
            <a href={feedPaths(language).json}>JSON Feed</a>
          </p>
        </section>
      ))}
    </main>
  )
}
