import type {StoredDocument} from './fieldHashes.ts'
import {planDocument, type DocumentPlan} from './planDocument.ts'
import type {PreparedArticle} from './prepareArticle.ts'

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
 * `skip` holds ids an earlier article of this run already handles: they are left out.
 */
export function planArticle(
  prepared: PreparedArticle,
  existing: Map<string, StoredDocument>,
  options: {replace: boolean; skip: Set<string>},
): ArticlePlan {
  const documents = prepared.documents
  const all: StoredDocument[] = [...documents.related, documents.article]
  return {
    file: documents.file,
    articleId: documents.article._id,
    slug: documents.article.slug.current,
    language: documents.article.language,
    documents: all
      .filter((doc) => !options.skip.has(doc._id))
      .map((doc) =>
        planDocument(doc, existing.get(doc._id) ?? null, existing.get(`drafts.${doc._id}`) ?? null, options.replace, prepared.fieldHashes[doc._id]),
      ),
  }
}
