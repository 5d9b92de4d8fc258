import type {ImportCounts} from './importCounts.ts'

/** The one-screen summary a run ends with. */
export function formatSummary(
  counts: ImportCounts,
  info: {files: number; warnings: number; errors: number; ms: number; mode: 'import' | 'dry run' | 'ndjson'},
): string[] {
  const seconds = info.ms / 1000
  const rate = seconds > 0 ? Math.round(counts.articles / seconds) : counts.articles
  const lines = [
    `seed ${info.mode}: ${info.files} files, ${counts.articles} articles in ${seconds.toFixed(2)} s (${rate} articles/s)`,
    `  documents  ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
    `  editors    ${counts.keptFields} fields kept in ${counts.keptDocuments} documents${counts.overwrittenFields > 0 ? `, ${counts.overwrittenFields} overwritten (--replace)` : ''}`,
    info.mode === 'import'
      ? `  writes     ${counts.transactions} transactions, ${counts.mutations} mutations`
      : `  writes     none (${counts.plannedMutations} mutations planned)`,
    `  warnings   ${info.warnings}, errors ${info.errors}`,
  ]
  if (counts.unknownArticles > 0) {
    lines.push(`  unknown    ${counts.unknownArticles} articles were sent but never answered (did the lake stop?): ` +
      'run the seed again once the lake runs; it writes what is missing and leaves what is there')
  }
  return lines
}
