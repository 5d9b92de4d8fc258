/**
 * `npm run bench [-- [lake] --sizes 1000,10000,100000]`: benchmarks the local lake (index pushdown
 * over HTTP vs plain groq-js) and prints a table. Targets at 100k: p50 <= 5 ms for by-slug and
 * latest-10, lake RSS < 500 MB. `npm run bench -- seed` runs the seed bench instead,
 * `npm run bench -- history` the history and export bench, `npm run bench -- mixed` the
 * mixed-load bench (writers while queries run, scripts/benchMixed.ts), `-- web` the reader
 * site's (build time, page latency, publish -> page latency), and `-- studio` the built Studio's
 * navigation -> usable article form (scripts/benchStudio.ts).
 */
import {parseCommandLine} from './lib/commandLine.ts'
import {benchLake, type BenchRow} from './benchLake.ts'

// The whole usage, for `--help` and for mistakes: each bench's own usage is one of its lines.
const USAGE = `Usage: npm run bench -- [lake] [--sizes 1000,10000,100000]
       npm run bench -- seed [--sizes 1000,10000] [--runs 3]
       npm run bench -- mixed
       npm run bench -- history [--sizes 10000]
       npm run bench -- web [--articles 1000] [--requests 200] [--publishes 20]
       npm run bench -- studio [--navigations 10]`

if (process.argv[2] === 'mixed') {
  // `npm run bench -- mixed`: writers while queries run (scripts/benchMixed.ts). It takes no option:
  // --help or a typo must not start minutes of benchmark.
  parseCommandLine('Usage: npm run bench -- mixed', {args: process.argv.slice(3), options: {}})
  const {benchMixed} = await import('./benchMixed.ts')
  const rows = await benchMixed((line) => console.error(`[bench] ${line}`))
  console.log(formatRows(['metric', 'measured', 'target'], rows.map((row) => [row.metric, row.measured, row.target])))
  process.exit(0)
}

if (process.argv[2] === 'seed') {
  // `npm run bench -- seed [--sizes 1000,10000] [--runs 3]`: the seed import bench (scripts/benchSeed.ts).
  const {runSeedBench} = await import('./benchSeed.ts')
  process.exit(await runSeedBench(process.argv.slice(3)))
}

if (process.argv[2] === 'history') {
  // `npm run bench -- history [--sizes 10000]`: history list/diff and export (scripts/benchHistory.ts).
  const {runHistoryBench} = await import('./benchHistoryCli.ts')
  process.exit(await runHistoryBench(process.argv.slice(3)))
}

if (process.argv[2] === 'web') {
  // `npm run bench -- web [--articles 1000] [--requests 200] [--publishes 20]` (scripts/benchWeb.ts).
  const {runWebBench} = await import('./benchWeb.ts')
  process.exit(await runWebBench(process.argv.slice(3)))
}

if (process.argv[2] === 'studio') {
  // `npm run bench -- studio [--navigations 10]`: navigation -> usable article form (scripts/benchStudio.ts).
  const {runStudioBench} = await import('./benchStudio.ts')
  process.exit(await runStudioBench(process.argv.slice(3)))
}

// `npm run bench -- lake [--sizes …]` names this bench explicitly, as `seed` names the other.
const args = process.argv.slice(process.argv[2] === 'lake' ? 3 : 2)
const {values} = parseCommandLine(USAGE, {args, options: {sizes: {type: 'string', default: '1000,10000,100000'}}})
const sizes = values.sizes.split(',').map(Number)
if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) {
  console.error(`bench: --sizes must be comma-separated positive integers, got "${values.sizes}"`)
  process.exit(2)
}

const rows = await benchLake(sizes, (line) => console.error(`[bench] ${line}`))
console.log(formatTable(rows))

function formatTable(rows: BenchRow[]): string {
  const header = ['docs', 'query', 'lake p50 ms', 'groq-js p50 ms', 'speedup', 'lake RSS MB']
  return formatRows(header, rows.map((row) => [
    String(row.size),
    row.query,
    row.lakeP50.toFixed(2),
    row.plainP50.toFixed(1),
    `${(row.plainP50 / row.lakeP50).toFixed(0)}x`,
    String(row.rssMb),
  ]))
}

function formatRows(header: string[], body: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((cells) => cells[i]?.length ?? 0)))
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n')
}
