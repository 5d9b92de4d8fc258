import {isTranslationMethod, SLUG_PATTERN} from '../../schemas/contentRules.ts'
import type {ArticleDocument, ArticleDocuments, SeedDocument} from './documentTypes.ts'
import {SECTION_KINDS} from './headings.ts'
import {SeedError} from './seedError.ts'

const ID_PATTERN = /^[a-zA-Z0-9_-]+$/
/** The Content Lake's longest document id (sanity.io/docs/ids; the local lake refuses longer ones as hosted does). */
const MAX_ID_LENGTH = 128
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/
const KINDS = new Set<string>([...SECTION_KINDS, 'custom'])
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/

const isText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== ''
const isRef = (value: unknown, prefix: string): boolean =>
  typeof value === 'object' && value !== null && '_ref' in value && typeof value._ref === 'string' && value._ref.startsWith(prefix)
const isUrl = (value: unknown): boolean => typeof value === 'string' && /^https?:\/\/\S+$/i.test(value)
const optional = (value: unknown, test: (v: unknown) => boolean): boolean => value === undefined || test(value)

/**
 * The first way `doc` breaks the content model, or null. Checked in order, and each message made
 * only for the problem found: this runs for every document of every file the seed reads.
 */
function problemOf(doc: SeedDocument): string | null {
  if (!ID_PATTERN.test(doc._id)) return `_id "${doc._id}" must be letters, digits, "-" and "_" only (a dot makes a document private)`
  if (doc._id.length > MAX_ID_LENGTH) {
    const fix = doc._type === 'article' ? 'give the article a shorter slug with a "slug:" front matter line' : 'shorten the name it is made from'
    return `_id "${doc._id}" has ${doc._id.length} characters, more than the ${MAX_ID_LENGTH} the Content Lake accepts; ${fix}`
  }
  switch (doc._type) {
    case 'article':
      if (!isText(doc.title)) return 'title is required'
      if (!SLUG_PATTERN.test(doc.slug.current)) return `slug "${doc.slug.current}" must be lowercase Latin letters, digits and hyphens`
      if (!/^[a-z]{2,3}$/.test(doc.language)) return 'language must be a BCP 47 code such as "ar"'
      if (doc.sections.length === 0) return 'at least one section is required'
      for (const [s, section] of doc.sections.entries()) {
        const problem = sectionProblem(section, s)
        if (problem) return problem
      }
      if (doc.translation.isTranslation && !(isTranslationMethod(doc.translation.method) && isText(doc.translation.fromLanguage))) {
        return 'a translation needs its method and "fromLanguage"; say "from: en" in the front matter'
      }
      if (doc.translation.isTranslation && !isRef(doc.originalSource, 'source-')) return 'a translation must reference its original source'
      if (!(doc.furtherReading ?? []).every((ref) => isRef(ref, 'source-') && isText(ref._key))) return 'furtherReading must reference sources'
      if (!(doc.authors ?? []).every((ref) => isRef(ref, 'person-') && isText(ref._key))) return 'authors must reference people'
      if (!optional(doc.publisher, (v) => isRef(v, 'publisher-'))) return 'publisher must reference a publisher'
      if (!optional(doc.publishedAt, (v) => typeof v === 'string' && DATETIME.test(v))) return 'publishedAt must be an ISO datetime'
      return null
    case 'source':
      if (!isText(doc.title)) return 'title is required'
      if (!optional(doc.url, isUrl)) return 'url must be an http(s) URL'
      if (!optional(doc.publisher, (v) => isRef(v, 'publisher-'))) return 'publisher must reference a publisher'
      return null
    case 'publisher':
      if (!isText(doc.name)) return 'name is required'
      if (!optional(doc.url, isUrl)) return 'url must be an http(s) URL'
      return null
    case 'person':
      if (!isText(doc.name)) return 'name is required'
      if (!SLUG_PATTERN.test(doc.slug.current)) return 'slug must be lowercase Latin letters, digits and hyphens'
      return null
  }
}

function sectionProblem(section: ArticleDocument['sections'][number], s: number): string | null {
  if (!KINDS.has(section.kind)) return `sections[${s}].kind "${section.kind}" is not a section kind`
  if (!isText(section.heading)) return `sections[${s}].heading is required`
  if (section.body.length === 0) return `sections[${s}].body is required`
  for (const [b, item] of section.body.entries()) {
    if (item._type === 'bigNumber') {
      if (!(Number.isFinite(item.value) && DIGIT.test(item.display) && isText(item.caption))) {
        return `sections[${s}].body[${b}] needs a finite value, a display with digits and a caption`
      }
    } else if (!(item.children.length > 0 && item.children.every((span) => typeof span.text === 'string'))) {
      return `sections[${s}].body[${b}] needs text spans`
    }
  }
  return null
}

/**
 * Checks the documents against the content model (required fields, value shapes, references
 * that stay within what this article creates).
 * @throws SeedError naming the document and the field; this points to a parser bug, not the text.
 */
export function validateDocuments({file, article, related}: ArticleDocuments): void {
  const ids = new Set(related.map((doc) => doc._id))
  const refs = [article.originalSource, article.publisher, ...(article.furtherReading ?? []), ...(article.authors ?? [])]
  for (const doc of [...related, article]) {
    const problem = problemOf(doc)
    if (problem) throw new SeedError(file, 0, `document ${doc._id} breaks the content model: ${problem}`)
  }
  const dangling = refs.find((ref) => ref !== undefined && !ids.has(ref._ref))
  if (dangling) throw new SeedError(file, 0, `document ${article._id} references ${dangling._ref}, which the import does not create`)
}
