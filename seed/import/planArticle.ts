import {serializeFieldHashes, type StoredDocument} from './fieldHashes.ts'
import {planDocument, type DocumentPlan} from './planDocument.ts'
import {documentsOf, type DocumentHashes, type PreparedArticle} from './prepareArticle.ts'

/** The plan of one article file: its documents, imported together in one transaction. */
export interface ArticlePlan {
  file: string
  articleId: string
  slug: string
  language: string
  documents: DocumentPlan[]
}

/** True when a plan writes something. */
export function writes(plan: DocumentPlan): boolean {
  return plan.action === 'create' || plan.action === 'update'
}

/**
 * Plans one article against the documents the dataset holds (`existing`, by id, drafts included).
 * `skip` holds ids an earlier article of this run already handles: they are left out. When none
 * of its documents exists, published or draft, every one is created (see `createPlan`).
 */
export function planArticle(
  prepared: PreparedArticle,
  existing: Map<string, StoredDocument>,
  options: {replace: boolean; skip: Set<string>},
): ArticlePlan {
  const docs = documentsOf(prepared)
  const wanted = docs.filter((doc) => !options.skip.has(doc._id))
  const allNew = wanted.every((doc) => !existing.has(doc._id) && !existing.has(`drafts.${doc._id}`))
  const {article, file} = prepared.documents
  return {
    file,
    articleId: article._id,
    slug: article.slug.current,
    language: article.language,
    documents: docs.flatMap((doc, index) => {
      const hashes = prepared.hashes[index]
      if (options.skip.has(doc._id)) return []
      if (!hashes) throw new Error(`${file}: no hashes for ${doc._id}`)
      if (allNew) return [createPlan(doc, hashes)]
      return [planDocument(doc, existing.get(doc._id) ?? null, existing.get(`drafts.${doc._id}`) ?? null, options.replace, hashes.fields)]
    }),
  }
}

/** What `planDocument` gives for a document that does not exist yet, published or draft: create it with every content field. */
function createPlan(doc: StoredDocument, hashes: DocumentHashes): DocumentPlan {
  const fields = Object.keys(hashes.fields).sort()
  return {
    id: doc._id,
    type: doc._type,
    action: 'create',
    set: Object.fromEntries(fields.map((field) => [field, doc[field]])),
    unset: [],
    kept: [],
    overwritten: [],
    fieldHashes: serializeFieldHashes(hashes.fields),
    before: null,
    desired: doc,
  }
}
