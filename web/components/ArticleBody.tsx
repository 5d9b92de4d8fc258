/**
 * An article's sections in reading order, each styled by its kind: the Topline as the lead, Key
 * Facts as a list, a Big Number as a callout (its `display` as printed, then its caption), the
 * Crucial Quote as a quotation, Further Reading as links to the article's sources.
 */
import {PortableText, type PortableTextComponents} from '@portabletext/react'
import {stegaClean} from 'next-sanity'
import type {PageArticle} from '../lib/pageArticle.ts'

type Article = PageArticle
type Section = NonNullable<Article['sections']>[number]

interface BigNumberValue {
  display?: string
  caption?: string
}

const components: PortableTextComponents = {
  types: {
    bigNumber: ({value}: {value: BigNumberValue}) => (
      <figure className="big-number">
        <data className="big-number-display">{value.display}</data>
        {value.caption ? <figcaption>{value.caption}</figcaption> : null}
      </figure>
    ),
  },
  marks: {
    link: ({value, children}) => {
      const href = typeof value?.href === 'string' ? value.href : undefined
      return <a href={href}>{children}</a>
    },
  },
}

/** Key Facts: each paragraph is one fact, so the section reads as a list. */
function KeyFacts({section}: {section: Section}) {
  const blocks = section.body ?? []
  return (
    <ul className="key-facts">
      {blocks.map((block) => (
        <li key={block._key}>
          <PortableText value={[block]} components={components} />
        </li>
      ))}
    </ul>
  )
}

function FurtherReading({section, sources}: {section: Section; sources: Article['furtherReading']}) {
  if (!sources || sources.length === 0) return <PortableText value={section.body ?? []} components={components} />
  return (
    <ul className="further-reading">
      {sources.map((source) => (
        <li key={source._id}>
          <a href={source.url ?? undefined} hrefLang={source.language ?? undefined}>
            {source.title}
          </a>
          {source.publisher?.name ? <span className="source-publisher"> ({source.publisher.name})</span> : null}
        </li>
      ))}
    </ul>
  )
}

function SectionContent({section, article}: {section: Section; article: Article}) {
  switch (stegaClean(section.kind)) {
    case 'keyFacts':
      return <KeyFacts section={section} />
    case 'furtherReading':
      return <FurtherReading section={section} sources={article.furtherReading} />
    case 'crucialQuote':
      return (
        <blockquote>
          <PortableText value={section.body ?? []} components={components} />
        </blockquote>
      )
    default:
      return <PortableText value={section.body ?? []} components={components} />
  }
}

/** The sections of `article`, each a <section data-kind> with its printed heading. */
export function ArticleBody({article}: {article: Article}) {
  return (
    <>
      {(article.sections ?? []).map((section) => {
        const kind = stegaClean(section.kind) ?? 'custom'
        return (
          <section key={section._key} className={`section section-${kind}`} data-kind={kind}>
            {section.heading ? <h2>{section.heading}</h2> : null}
            <div className={kind === 'topline' ? 'lead' : undefined}>
              <SectionContent section={section} article={article} />
            </div>
          </section>
        )
      })}
    </>
  )
}
