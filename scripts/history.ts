/**
 * `npm run history -- <documentId> [--dataset name]`: prints the revisions of a document and its
 * draft (transaction, time, author, document, operation), oldest first, from the target that
 * `scripts/lib/target.ts` picks (hosted project, running local lake, or an embedded one).
 */

import {fetchRevisions, formatRevisions} from './lib/documentHistory.ts'
import {resolveTarget} from './lib/target.ts'
import {parseCommandLine} from './lib/commandLine.ts'

const USAGE = 'Usage: npm run history -- <documentId> [--dataset production]'

const {values, positionals} = parseCommandLine(USAGE, {
  allowPositionals: true,
  options: {dataset: {type: 'string'}},
})
const documentId = positionals[0]
if (!documentId || positionals.length > 1) {
  console.error(USAGE)
  process.exit(2)
}

const target = await resolveTarget({...process.env, ...(values.dataset ? {SANITY_DATASET: values.dataset} : {})})
try {
  const revisions = await fetchRevisions(target.client, documentId)
  console.log(`History of ${documentId} (${target.description})`)
  if (revisions.length === 0) console.log('No revisions: the document has no history here. Check the id and --dataset.')
  else console.log(formatRevisions(revisions))
  console.log(`${revisions.length} revision(s)`)
} catch (error) {
  console.error(`history: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await target.close()
}
