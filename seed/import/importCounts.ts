import type {ArticlePlan} from './planArticle.ts'

/** What a run did, for the summary. */
export interface ImportCounts {
  articles: number
  created: number
  updated: number
  unchanged: number
  /** Fields left as editors changed them. */
  keptFields: number
  /** Documents with at least one field kept for editors. */
  keptDocuments: number
  /** Fields editors changed that `--replace` overwrote. */
  overwrittenFields: number
  /** Mutations the plan calls for (written unless dry run or `--out`). */
  plannedMutations: number
  transactions: number
  mutations: number
  /** Articles whose transaction was sent but never answered, and which the lake could not be asked about afterwards. */
  unknownArticles: number
}

export function emptyCounts(): ImportCounts {
  return {articles: 0, created: 0, updated: 0, unchanged: 0, keptFields: 0, keptDocuments: 0, overwrittenFields: 0, plannedMutations: 0, transactions: 0, mutations: 0, unknownArticles: 0}
}

/** Adds an article's plan to the counts. */
export function countPlan(counts: ImportCounts, plan: ArticlePlan): void {
  counts.articles++
  for (const doc of plan.documents) {
    if (doc.action === 'create') counts.created++
    else if (doc.action === 'update') counts.updated++
    else counts.unchanged++
    counts.keptFields += doc.kept.length
    if (doc.kept.length > 0) counts.keptDocuments++
    counts.overwrittenFields += doc.overwritten.length
  }
}
