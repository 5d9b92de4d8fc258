import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {stegaClean} from 'next-sanity'
import {Suspense} from 'react'
import {articleBySlugQuery, articleIndexQuery} from '../../../../queries/index.ts'
import {ArticleBody} from '../../../components/ArticleBody.tsx'
import {ArticleMeta, Corrections, Provenance} from '../../../components/ArticleMeta.tsx'
import {jsonLdScript, newsArticleJsonLd} from '../../../lib/jsonLd.ts'
import type {PageArticle} from '../../../lib/pageArticle.ts'
import {SITE_NAME} from '../../../lib/site.ts'
import {absolute, articlePath, feedAlternates} from '../../../lib/urls.ts'
import {draftFetchOptions, isDraftMode, PUBLISHED, type FetchOptions} from '../../../sanity/draftMode.ts'
import {cachedSanity} from '../../../sanity/live.ts'

interface Props {
  params: Promise<{language: string; slug: string}>
}

export async function generateStaticParams({params}: {params: {language: string}}): Promise<Array<{slug: string}>> {
  const {data} = await cachedSanity({query: articleIndexQuery, perspective: 'published', stega: false})
  return data.filter((article) => article.language === params.language && article.slug).map((article) => ({slug: article.slug ?? ''}))
}

async function article(params: Props['params'], options: FetchOptions = PUBLISHED): Promise<PageArticle | null> {
  const {language, slug} = await params
  const {data} = await cachedSanity({query: articleBySlugQuery, params: {language, slug}, ...options})
  return data
}

export async function generateMetadata({params}: Props): Promise<Metadata> {
  // In draft mode the tab shows the draft's title too; clean, since <title> is no place for stega.
  const options = (await isDraftMode()) ? {...(await draftFetchOptions()), stega: false} : PUBLISHED
  const found = await article(params, options)
  if (!found) return {}
  return {
    title: found.title ?? undefined,
    description: found.description ?? undefined,
    alternates: {
      canonical: absolute(articlePath(found.language ?? '', found.slug ?? '')),
      types: feedAlternates(found.language ?? '', SITE_NAME),
    },
  }
}

/** The page as a reader sees it, or (draft mode) as the Studio previews it, drafts and all. */
export default async function ArticlePage({params}: Props) {
  if (await isDraftMode()) {
    // Draft mode reads cookies: outside the prerendered shell.
    return (
      <Suspense fallback={null}>
        <DraftArticlePage params={params} />
      </Suspense>
    )
  }
  return <ArticleView found={await article(params)} />
}

async function DraftArticlePage({params}: Props) {
  return <ArticleView found={await article(params, await draftFetchOptions())} />
}

/** An article page: headline, provenance, sections by kind, corrections, and its JSON-LD. */
function ArticleView({found}: {found: PageArticle | null}) {
  if (!found) notFound()
  return (
    <main>
      {/* Machine-read: never with stega's invisible edit info. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{__html: jsonLdScript(newsArticleJsonLd(stegaClean(found)))}} />
      <article>
        <header>
          <h1>{found.title}</h1>
          <ArticleMeta article={found} />
          <Provenance article={found} />
        </header>
        <ArticleBody article={found} />
        <Corrections article={found} />
      </article>
    </main>
  )
}
