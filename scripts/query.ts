/**
 * `npm run query -- '<groq>' [--param name=<json>] [--perspective drafts] [--dataset x]`:
 * prints the JSON result from the target `scripts/lib/target.ts` picks (hosted project,
 * running local lake, or an embedded one).
 */
import {parseCommandLine} from './lib/commandLine.ts'
import {failureMessage} from './lib/failure.ts'
import {openTarget} from './lib/target.ts'

const USAGE = `Usage: npm run query -- '<groq>' [--param name=<json>]... [--perspective raw|published|drafts|rA,drafts] [--dataset production]
Example: npm run query -- '*[_type == "article" && slug.current == $slug][0]{title}' --param slug='"my-slug"'`

const {values, positionals} = parseCommandLine(USAGE, {
  allowPositionals: true,
  options: {
    param: {type: 'string', multiple: true, default: []},
    perspective: {type: 'string'},
    dataset: {type: 'string'},
  },
})
const query = positionals[0]
if (!query || positionals.length > 1) {
  console.error(USAGE)
  process.exit(2)
}

const params: Record<string, unknown> = {}
for (const entry of values.param) {
  const eq = entry.indexOf('=')
  const name = entry.slice(0, eq)
  // A second value for a name would silently win over the first.
  if (eq > 0 && Object.hasOwn(params, name)) {
    console.error(`query: --param ${entry}: $${name} is already given (--param ${name}=${JSON.stringify(params[name])}); give each parameter once`)
    process.exit(2)
  }
  try {
    if (eq < 1) throw new Error('expected name=<json>')
    params[name] = JSON.parse(entry.slice(eq + 1))
  } catch (error) {
    console.error(`query: --param ${entry}: ${(error as Error).message}; strings need JSON quotes, e.g. --param slug='"x"'`)
    process.exit(2)
  }
}

// Without a token, drafts, raw and release perspectives answer with the published documents only,
// as if that were what they hold: ask for the token instead.
const needsToken = values.perspective !== undefined && values.perspective !== 'published' ? 'read' : undefined
const target = await openTarget('query', process.env, {dataset: values.dataset, needsToken})
try {
  const perspective = values.perspective?.includes(',') ? values.perspective.split(',') : values.perspective
  const result = await target.client.fetch(query, params, perspective ? {perspective: perspective as never} : {})
  console.log(JSON.stringify(result, null, 2))
} catch (error) {
  const body = (error as {response?: {body?: {error?: {description?: string; start?: number}}}}).response?.body
  const description = body?.error?.description
  if (description && typeof body?.error?.start === 'number') {
    console.error(`query: ${pointAt(query, body.error.start, description)}`)
  } else {
    console.error(`query: ${failureMessage(error, target)}`)
  }
  process.exitCode = 1
} finally {
  await target.close()
}

/**
 * The error, the line of the query it is on and a caret under its column. A query of several
 * lines names the line and column: a caret under the whole query would point past its last line.
 */
function pointAt(text: string, start: number, description: string): string {
  const before = text.slice(0, start).split('\n')
  const line = before.length
  const column = before.at(-1)?.length ?? 0
  const where = text.includes('\n') ? ` (line ${line}, column ${column + 1})` : ''
  return `${description}${where}\n  ${text.split('\n')[line - 1] ?? ''}\n  ${' '.repeat(column)}^`
}
