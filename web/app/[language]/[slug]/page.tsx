import type {Metadata} from 'next'
import {notFound} from 'next/navigation'
import {articleBySlugQuery, articleIndexQuery} from '../../../../queries/index.ts'
import type {ArticleBySlugQueryResult} from '../../../../sanity.types.ts'
import {ArticleBody} from '../../../components/ArticleBody.tsx'
import {ArticleMeta, Corrections, Provenance} from '../../../components/ArticleMeta.tsx'
import {jsonLdScript, newsArticleJsonLd} from '../../../lib/jsonLd.ts'
import {SITE_NAME} from '../../../lib/site.ts'
import {absolute, articlePath, feedAlternates} from '../../../lib/urls.ts'
import {cachedSanity} from '../../../sanity/live.ts'

interface Props {
  params: Promise<{language: string; slug: string}>
}

export async function generateStaticParams({params}: {params: {language: string}}): Promise<Array<{slug: string}>> {
  const {data} = await cachedSanity({query: articleIndexQuery, perspective: 'published', stega: false})
  return data.filter((article) => article.language === params.language && article.slug).map((article) => ({slug: article.slug ?? ''}))
}

async function article(params: Props['params']): Promise<ArticleBySlugQueryResult> {
  const {language, slug} = await params
  const {data} = await cachedSanity({query: articleBySlugQuery, params: {language, slug}, perspective: 'published', stega: false})
  return data
}

export async function generateMetadata({params}: Props): Promise<Metadata> {
  const found = await article(params)
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

/** An article page: headline, provenance, sections by kind, corrections, and its JSON-LD. */
export default async function ArticlePage({params}: Props) {
  const found = await article(params)
  if (!found) notFound()
  return (
    <main>
      <script type="application/ld+json" dangerouslySetInnerHTML={{__html: jsonLdScript(newsArticleJsonLd(found))}} />
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
