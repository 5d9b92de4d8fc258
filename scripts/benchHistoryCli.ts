/** `npm run bench -- history [--sizes 10000]`: argument parsing and output of `benchHistory.ts`. */
import {parseArgs} from 'node:util'
import {benchHistory, formatHistoryTable} from './benchHistory.ts'

const USAGE = 'Usage: npm run bench -- history [--sizes 10000]'

/** Runs the bench with `args`; resolves with the exit code. */
export async function runHistoryBench(args: string[]): Promise<number> {
  let values
  try {
    ;({values} = parseArgs({args, options: {sizes: {type: 'string', default: '10000'}, help: {type: 'boolean', short: 'h', default: false}}}))
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    return 2
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const sizes = values.sizes.split(',').map(Number)
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
    console.error(`bench: --sizes must be comma-separated positive integers, got "${values.sizes}"\n${USAGE}`)
    return 2
  }
  const rows = await benchHistory(sizes, (line) => console.error(`[bench] ${line}`))
  console.log(formatHistoryTable(rows))
  return 0
}
