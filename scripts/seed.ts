/**
 * `npm run seed -- [files or folders] [--dry-run] [--replace] [--strict] [--out file.ndjson]`
 *
 * Imports article text files (default: `seed/articles`, sorted, the seed first) into the target
 * (hosted project, running local lake, or an embedded one: see scripts/lib/target.ts) and prints
 * each imported article back through `articleBySlugQuery`. Every file is validated before
 * anything is written; any error means nothing is written and exit code 1.
 */
import {createWriteStream, type WriteStream} from 'node:fs'
import {parseArgs} from 'node:util'
import {ClientError, ServerError} from '@sanity/client'
import {articleBySlugQuery} from '../queries/articleBySlugQuery.ts'
import {locatedMessage, SeedError, SeedErrors} from '../seed/parse/seedError.ts'
import {checkArticles, keepBytesFor} from '../seed/import/checkArticles.ts'
import {ParseWorker} from '../seed/import/parseWorker.ts'
import {formatPlan} from '../seed/import/formatPlan.ts'
import {formatReadBack} from '../seed/import/formatReadBack.ts'
import {formatSummary} from '../seed/import/formatSummary.ts'
import {importArticles, type ImportResult} from '../seed/import/importArticles.ts'
import {loadPublisherNames, type PublisherNames} from '../seed/import/matchPublishers.ts'
import type {PreparedArticle} from '../seed/import/prepareArticle.ts'
import {listArticleFiles} from '../seed/import/readArticleFiles.ts'
import {connectionFailure} from './lib/failure.ts'
import {resolveTarget, TargetError, type Target} from './lib/target.ts'

/** Plans of more articles than this are summarised, not listed (a 10,000-file run stays readable). */
const PLAN_PRINT_LIMIT = 50
/** Articles read back after the import; the rest are counted. */
const READ_BACK_LIMIT = 10
/** Progress lines only for runs long enough to need them. */
const PROGRESS_MIN_FILES = 200


const USAGE = 'usage: npm run seed -- [files or folders …] [--dry-run] [--replace] [--strict] [--out file.ndjson]'

function progress(label: string, total: number): ((done: number) => void) | undefined {
  if (total < PROGRESS_MIN_FILES) return undefined
  let last = 0
  return (done) => {
    const now = Date.now()
    if (done < total && now - last < 1000) return
    last = now
    process.stderr.write(`${label} ${done}/${total}\n`)
  }
}

async function main(): Promise<number> {
  const started = Date.now()
  let args
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {'dry-run': {type: 'boolean'}, replace: {type: 'boolean'}, strict: {type: 'boolean'}, out: {type: 'string'}, help: {type: 'boolean'}},
    })
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    return 2
  }
  const {values, positionals} = args
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const files = await listArticleFiles(positionals.length > 0 ? positionals : ['seed/articles'])
  // Parsing shares the second core with the lake: a worker thread checks files beside this one, then parses ahead.
  const worker = ParseWorker.startFor(files.length)
  try {
    return await checkAndImport(files, values, worker, started)
  } finally {
    await worker?.close()
  }
}

/** Checks every file, then imports (or plans, or writes NDJSON) them. Returns the exit code. */
async function checkAndImport(
  files: string[],
  values: {'dry-run'?: boolean; replace?: boolean; strict?: boolean; out?: string},
  worker: ParseWorker | null,
  started: number,
): Promise<number> {
  // A hosted project or a running lake is asked for its publishers while the files are checked (a
  // read; the import needs them first). An embedded lake is opened only once the check passed, so
  // a failed check leaves no trace; it runs on this thread, which the check keeps busy anyway.
  // A dry run reads what is there (drafts included), an import writes.
  const needsToken = values['dry-run'] ? 'read' : 'write'
  // A running lake gets the dataset the seed writes to, as `sanity dataset create` would make it on
  // a hosted project (where the seed leaves that to the project's owner); an embedded one also for
  // a dry run, which then plans every article as new.
  let target = values.out ? null : await resolveTarget(process.env, {embedded: false, needsToken, createDataset: !values['dry-run']})
  try {
    const publishers = target ? loadPublisherNames(target.client) : undefined
    // Awaited by the import; when the check fails first, its failure must not go unhandled.
    publishers?.catch(() => {})
    const check = await checkArticles(files, {strict: values.strict, worker, keepBytes: keepBytesFor(files.length), onProgress: progress('checked', files.length)})
    for (const warning of check.warnings) console.error(`warning: ${locatedMessage(warning)}`)
    if (check.errors.length > 0) {
      for (const error of check.errors) console.error(`error: ${locatedMessage(error)}`)
      console.error(`${check.errors.length} of ${files.length} files have errors; nothing was written.`)
      return 1
    }
    if (!values.out) target ??= await resolveTarget(process.env, {needsToken, createDataset: true})
    return await importChecked(files, values, {worker, target, publishers, prepared: check.prepared, warnings: check.warnings.length, started})
  } finally {
    await target?.close()
  }
}

/** Imports checked files into the target, or writes them as NDJSON (`--out`). Returns the exit code. */
async function importChecked(
  files: string[],
  values: {'dry-run'?: boolean; replace?: boolean; strict?: boolean; out?: string},
  context: {worker: ParseWorker | null; target: Target | null; publishers?: Promise<PublisherNames>; prepared: Map<string, PreparedArticle>; warnings: number; started: number},
): Promise<number> {
  const {target} = context
  const mode = values.out ? 'ndjson' : values['dry-run'] ? 'dry run' : 'import'
  let printed = 0
  const options = {
    dryRun: values['dry-run'],
    replace: values.replace,
    strict: values.strict,
    worker: context.worker,
    prepared: context.prepared,
    publishers: context.publishers,
    now: () => new Date().toISOString(),
    onProgress: progress('imported', files.length),
    onPlan: (plan: Parameters<typeof formatPlan>[0]) => {
      const lines = formatPlan(plan, {diff: mode === 'dry run'})
      if (lines.length === 1 && mode !== 'dry run') return
      if (printed++ < PLAN_PRINT_LIMIT) console.log(lines.join('\n'))
    },
  }
  let result: ImportResult
  if (!target) {
    // No target: --out was given.
    const out = String(values.out)
    // Opened before anything is planned: a folder that is missing or a path that is a folder is
    // said at once, and a write that fails later (a full disk) is reported at the end, not thrown.
    const errors: Error[] = []
    const opened = await new Promise<WriteStream | null>((resolve) => {
      const stream = createWriteStream(out)
      stream.once('open', () => resolve(stream))
      stream.on('error', (error) => {
        errors.push(error)
        resolve(null)
      })
    })
    if (!opened) {
      console.error(`error: --out ${out}: ${errors[0]?.message}; nothing was written`)
      return 1
    }
    result = await importArticles(null, files, {...options, out: (line) => opened.write(`${line}\n`)})
    await new Promise<void>((resolve) => opened.end(() => resolve()))
    if (errors.length > 0) {
      console.error(`error: --out ${out}: ${errors[0]?.message}`)
      return 1
    }
    console.log(`wrote ${out}`)
  } else {
    console.log(`target: ${target.description}${mode === 'dry run' ? ' (dry run: nothing is written)' : ''}`)
    result = await importArticles(target.client, files, options)
    if (mode === 'import' && result.errors.length === 0) {
      for (const wanted of result.articles.slice(0, READ_BACK_LIMIT)) {
        const article = await target.client.fetch(articleBySlugQuery, {slug: wanted.slug, language: wanted.language})
        console.log(formatReadBack(article, wanted).join('\n'))
      }
      const more = result.articles.length - READ_BACK_LIMIT
      if (more > 0) console.log(`… and ${more} more articles (npm run query to read them)`)
    }
  }
  if (printed > PLAN_PRINT_LIMIT) console.log(`… plans of ${printed - PLAN_PRINT_LIMIT} more articles not listed`)
  for (const warning of result.warnings) console.error(`warning: ${locatedMessage(warning)}`)
  for (const error of result.errors) console.error(`error: ${locatedMessage(error)}`)
  const summary = formatSummary(result.counts, {files: files.length, warnings: context.warnings + result.warnings.length, errors: result.errors.length, ms: Date.now() - context.started, mode})
  console.log(summary.join('\n'))
  return result.errors.length > 0 ? 1 : 0
}

// `npm run seed | head` closes stdout early: stop quietly instead of crashing with EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  process.exit(process.exitCode ?? 0)
})

try {
  process.exitCode = await main()
} catch (error) {
  const lost = connectionFailure(error)
  if (error instanceof SeedError) console.error(`error: ${locatedMessage(error)}`)
  else if (error instanceof SeedErrors) for (const each of error.errors) console.error(`error: ${locatedMessage(each)}`)
  else if (error instanceof TargetError) {
    console.error(`error: ${error.message}`)
    process.exit(2)
  } else if (error instanceof ClientError || error instanceof ServerError) {
    // The target refused (a dataset that is not there, a token without rights): its answer says what.
    console.error(`error: ${error.message}`)
  } else if (lost) console.error(`error: the target stopped answering (${lost}). Run the seed again once it runs: it writes what is missing and leaves what is there.`)
  else throw error
  process.exitCode = 1
}
