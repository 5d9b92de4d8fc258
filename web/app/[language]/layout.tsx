import '@fontsource/noto-naskh-arabic/400.css'
import '@fontsource/noto-naskh-arabic/700.css'
import '../globals.css'
import type {Metadata} from 'next'
import type {ReactNode} from 'react'
import {articleIndexQuery} from '../../../queries/index.ts'
import {direction} from '../../lib/language.ts'
import {SITE_NAME} from '../../lib/site.ts'
import {feedAlternates} from '../../lib/urls.ts'
import {LiveUpdates} from '../../components/LiveUpdates.tsx'
import {cachedSanity} from '../../sanity/live.ts'

interface Props {
  children: ReactNode
  params: Promise<{language: string}>
}

/** One root layout per language: `<html lang dir>` is the language of the articles below it. */
export async function generateStaticParams(): Promise<Array<{language: string}>> {
  const {data} = await cachedSanity({query: articleIndexQuery, perspective: 'published', stega: false})
  return [...new Set(data.map((article) => article.language ?? ''))].filter(Boolean).map((language) => ({language}))
}

/** Every page of a language links that language's feeds from its head. */
export async function generateMetadata({params}: Pick<Props, 'params'>): Promise<Metadata> {
  const {language} = await params
  return {alternates: {types: feedAlternates(language, SITE_NAME)}}
}

export default async function LanguageLayout({children, params}: Props) {
  const {language} = await params
  return (
    <html lang={language} dir={direction(language)}>
      <body>
        {children}
        <LiveUpdates />
      </body>
    </html>
  )
}
