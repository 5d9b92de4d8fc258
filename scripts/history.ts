/**
 * `npm run history -- <documentId> [--dataset name]`: prints the revisions of a document and its
 * draft (transaction, time, author, document, operation), oldest first, from the target that
 * `scripts/lib/target.ts` picks (hosted project, running local lake, or an embedded one).
 */
import {parseArgs} from 'node:util'

import {fetchRevisions, formatRevisions} from './lib/documentHistory.ts'
import {resolveTarget} from './lib/target.ts'

const USAGE = 'Usage: npm run history -- <documentId> [--dataset production]'

const {values, positionals} = parseArgs({
  allowPositionals: true,
  options: {dataset: {type: 'string'}, help: {type: 'boolean', short: 'h', default: false}},
})
const documentId = positionals[0]
if (values.help || !documentId || positionals.length > 1) {
  console.error(USAGE)
  process.exit(values.help ? 0 : 2)
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
