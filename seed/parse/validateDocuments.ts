import type {ArticleDocuments, SeedDocument} from './documentTypes.ts'
import {SECTION_KINDS} from './headings.ts'
import {SeedError} from './seedError.ts'

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const ID_PATTERN = /^[a-zA-Z0-9_-]+$/
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/
const KINDS = new Set<string>([...SECTION_KINDS, 'custom'])
const METHODS = new Set(['machine', 'human', 'postEdited', 'unknown'])
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/

type Check = [ok: boolean, problem: string]

const isText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== ''
const isRef = (value: unknown, prefix: string): boolean =>
  typeof value === 'object' && value !== null && '_ref' in value && typeof value._ref === 'string' && value._ref.startsWith(prefix)
const isUrl = (value: unknown): boolean => typeof value === 'string' && /^https?:\/\/\S+$/.test(value)
const optional = (value: unknown, test: (v: unknown) => boolean): boolean => value === undefined || test(value)

function checksOf(doc: SeedDocument): Check[] {
  const common: Check[] = [[ID_PATTERN.test(doc._id), `_id "${doc._id}" must be letters, digits, "-" and "_" only (a dot makes a document private)`]]
  switch (doc._type) {
    case 'article':
      return [
        ...common,
        [isText(doc.title), 'title is required'],
        [SLUG_PATTERN.test(doc.slug.current), `slug "${doc.slug.current}" must be lowercase Latin letters, digits and hyphens`],
        [/^[a-z]{2,3}$/.test(doc.language), 'language must be a BCP 47 code such as "ar"'],
        [doc.sections.length > 0, 'at least one section is required'],
        ...doc.sections.flatMap((section, s): Check[] => [
          [KINDS.has(section.kind), `sections[${s}].kind "${section.kind}" is not a section kind`],
          [isText(section.heading), `sections[${s}].heading is required`],
          [section.body.length > 0, `sections[${s}].body is required`],
          ...section.body.map((item, b): Check => {
            const where = `sections[${s}].body[${b}]`
            if (item._type === 'bigNumber') {
              return [Number.isFinite(item.value) && DIGIT.test(item.display) && isText(item.caption), `${where} needs a finite value, a display with digits and a caption`]
            }
            return [item.children.length > 0 && item.children.every((span) => typeof span.text === 'string'), `${where} needs text spans`]
          }),
        ]),
        [
          !doc.translation.isTranslation || (METHODS.has(doc.translation.method ?? '') && isText(doc.translation.fromLanguage)),
          'a translation needs its method and "fromLanguage"; say "from: en" in the front matter',
        ],
        [!doc.translation.isTranslation || isRef(doc.originalSource, 'source-'), 'a translation must reference its original source'],
        [(doc.furtherReading ?? []).every((ref) => isRef(ref, 'source-') && isText(ref._key)), 'furtherReading must reference sources'],
        [(doc.authors ?? []).every((ref) => isRef(ref, 'person-') && isText(ref._key)), 'authors must reference people'],
        [optional(doc.publisher, (v) => isRef(v, 'publisher-')), 'publisher must reference a publisher'],
        [optional(doc.publishedAt, (v) => typeof v === 'string' && DATETIME.test(v)), 'publishedAt must be an ISO datetime'],
      ]
    case 'source':
      return [
        ...common,
        [isText(doc.title), 'title is required'],
        [optional(doc.url, isUrl), 'url must be an http(s) URL'],
        [optional(doc.publisher, (v) => isRef(v, 'publisher-')), 'publisher must reference a publisher'],
      ]
    case 'publisher':
      return [...common, [isText(doc.name), 'name is required'], [optional(doc.url, isUrl), 'url must be an http(s) URL']]
    case 'person':
      return [...common, [isText(doc.name), 'name is required'], [SLUG_PATTERN.test(doc.slug.current), 'slug must be lowercase Latin letters, digits and hyphens']]
  }
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
    const failed = checksOf(doc).find(([ok]) => !ok)
    if (failed) throw new SeedError(file, 0, `document ${doc._id} breaks the content model: ${failed[1]}`)
  }
  const dangling = refs.find((ref) => ref !== undefined && !ids.has(ref._ref))
  if (dangling) throw new SeedError(file, 0, `document ${article._id} references ${dangling._ref}, which the import does not create`)
}
