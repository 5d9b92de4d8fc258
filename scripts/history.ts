/**
 * `npm run history -- …`: a document's history in an editor's words, diffs between any two
 * revisions, restore as a draft, and deleted documents, on the target `scripts/lib/target.ts`
 * picks (hosted project, running local lake, or an embedded one). The work is in
 * `scripts/lib/history/` (pure describing and diffing, plus the History API reads).
 */
import type {SanityClient} from '@sanity/client'
import {parseCommandLine} from './lib/commandLine.ts'

import {deletedCommand, diffCommand, listCommand, restoreCommand} from './lib/history/commands.ts'
import {failureMessage} from './lib/failure.ts'
import {openTarget} from './lib/target.ts'

const USAGE = `Usage:
  npm run history -- <id | slug>                                   revisions: time, author, what changed
  npm run history -- diff <id | slug> <revA> [<revB> | draft | published]   field by field (revB: the draft, else published)
  npm run history -- restore <id | slug> [<rev>]                   that revision (a deleted document: its last one) becomes the draft
  npm run history -- deleted                                       deleted documents, who deleted them and when
Options: --dataset <name>  --color | --no-color (default: colour on a terminal)  -h, --help`

function usage(code: number, problem?: string): never {
  if (problem) console.error(`history: ${problem}`)
  ;(code === 0 ? console.log : console.error)(USAGE)
  process.exit(code)
}

const {values, positionals} = parseCommandLine(USAGE, {
  allowPositionals: true,
  allowNegative: true,
  options: {dataset: {type: 'string'}, color: {type: 'boolean'}},
})
const [first, ...rest] = positionals
const style = {color: values.color ?? process.stdout.isTTY === true}

let run: (client: SanityClient) => Promise<string[]>
if (first === 'diff' && (rest.length === 3 || rest.length === 2)) {
  const [id = '', from = '', to] = rest
  run = (client) => diffCommand(client, id, from, to, style)
} else if (first === 'restore' && (rest.length === 1 || rest.length === 2)) {
  const [id = '', revision] = rest
  run = (client) => restoreCommand(client, id, revision)
} else if (first === 'deleted' && rest.length === 0) {
  run = (client) => deletedCommand(client)
} else if (first && !['diff', 'restore', 'deleted'].includes(first) && rest.length === 0) {
  run = (client) => listCommand(client, first)
} else {
  usage(2, first ? `wrong arguments for "${first}"` : 'name a document id or slug')
}

const target = await openTarget('history', process.env, {dataset: values.dataset, needsToken: first === 'restore' ? 'write' : 'read'})
try {
  console.log(`(${target.description})`)
  for (const line of await run(target.client)) console.log(line)
} catch (error) {
  console.error(`history: ${failureMessage(error, target)}`)
  process.exitCode = 1
} finally {
  await target.close()
}
