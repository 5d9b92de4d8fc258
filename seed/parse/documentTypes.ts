/**
 * The Sanity documents the seed writes, as the content model contract in AGENTS.md describes
 * them. Field order is fixed by construction so the same input gives byte-identical JSON.
 * Documents are type aliases, not interfaces, so they are assignable to plain JSON records.
 */
import type {ArticleSectionKind} from './headings.ts'
import type {TranslationMethod} from '../../schemas/contentRules.ts'

export interface Reference {
  _type: 'reference'
  _ref: string
  _key?: string
}

export interface Slug {
  _type: 'slug'
  current: string
}

export interface Span {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}

export interface LinkDefinition {
  _type: 'link'
  _key: string
  href: string
}

export interface TextBlock {
  _type: 'block'
  _key: string
  style: 'normal' | 'blockquote'
  listItem?: 'bullet' | 'number'
  level?: number
  markDefs: LinkDefinition[]
  children: Span[]
}

export interface BigNumberItem {
  _type: 'bigNumber'
  _key: string
  value: number
  display: string
  unit?: string
  scale?: string
  caption: string
}

export interface ArticleSection {
  _type: 'articleSection'
  _key: string
  kind: ArticleSectionKind
  heading: string
  body: Array<TextBlock | BigNumberItem>
}

export interface Translation {
  _type: 'translation'
  isTranslation: boolean
  fromLanguage?: string
  method?: TranslationMethod
}

/** Bookkeeping of the import (set by `seed/import`, never by the parser). */
export interface SeedImport {
  _type: 'seedImport'
  file: string
  importedAt: string
  /** JSON `{field: sha256}` of the values as last imported. */
  fieldHashes: string
}

export type ArticleDocument = {
  _id: string
  _type: 'article'
  title: string
  slug: Slug
  language: string
  description?: string
  sections: ArticleSection[]
  originalSource?: Reference
  translation: Translation
  furtherReading?: Reference[]
  authors?: Reference[]
  publisher?: Reference
  publishedAt?: string
  seedImport?: SeedImport
}

export type SourceDocument = {
  _id: string
  _type: 'source'
  title: string
  url?: string
  publisher?: Reference
  publishedAt?: string
  language?: string
  seedImport?: SeedImport
}

export type PublisherDocument = {
  _id: string
  _type: 'publisher'
  name: string
  url?: string
  aliases?: string[]
  seedImport?: SeedImport
}

export type PersonDocument = {
  _id: string
  _type: 'person'
  name: string
  slug: Slug
  seedImport?: SeedImport
}

export type SeedDocument = ArticleDocument | SourceDocument | PublisherDocument | PersonDocument

/** Everything one article file produces: imported together, in one transaction. */
export interface ArticleDocuments {
  file: string
  article: ArticleDocument
  /** Publishers, people and sources the article references, referenced documents first. */
  related: Array<SourceDocument | PublisherDocument | PersonDocument>
}
