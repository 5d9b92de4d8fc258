import type {StoredDocument} from './fieldHashes.ts'
import {planDocument, type DocumentPlan} from './planDocument.ts'
import {articleDocuments, fieldHashesOf, type PreparedArticle, type PreparedDocument} from './prepareArticle.ts'

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
 * of its documents exists, published or draft, every one is created, and the plan is made from
 * the prepared hashes without reading the documents' values (see `createPlan`).
 */
export function planArticle(
  prepared: PreparedArticle,
  existing: Map<string, StoredDocument>,
  options: {replace: boolean; skip: Set<string>},
): ArticlePlan {
  const docs = prepared.docs.filter((doc) => !options.skip.has(doc.id))
  const allNew = docs.every((doc) => !existing.has(doc.id) && !existing.has(`drafts.${doc.id}`))
  const desired = (index: number): StoredDocument => {
    const {related, article} = articleDocuments(prepared)
    const doc: StoredDocument | undefined = index < related.length ? related[index] : article
    if (!doc) throw new Error(`${prepared.file}: no document at position ${index}`)
    return doc
  }
  return {
    file: prepared.file,
    articleId: prepared.articleId,
    slug: prepared.slug,
    language: prepared.language,
    documents: prepared.docs.flatMap((doc, index) => {
      if (options.skip.has(doc.id)) return []
      if (allNew) return [createPlan(doc, () => desired(index))]
      return [planDocument(desired(index), existing.get(doc.id) ?? null, existing.get(`drafts.${doc.id}`) ?? null, options.replace, fieldHashesOf(doc))]
    }),
  }
}

/**
 * What `planDocument` gives for a document that does not exist yet, published or draft: create it
 * with every content field. `desired` and `set` are read from the document only when asked for.
 */
function createPlan(doc: PreparedDocument, document: () => StoredDocument): DocumentPlan {
  let set: Record<string, unknown> | undefined
  return {
    id: doc.id,
    type: doc.type,
    action: 'create',
    get set() {
      if (!set) {
        const desired = document()
        set = Object.fromEntries(Object.keys(fieldHashesOf(doc)).sort().map((field) => [field, desired[field]]))
      }
      return set
    },
    unset: [],
    kept: [],
    overwritten: [],
    fieldHashes: doc.fieldHashes,
    before: null,
    get desired() {
      return document()
    },
  }
}
