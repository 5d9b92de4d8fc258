/**
 * Issue 15: `npm run bench -- history` times list, diff and export on a served lake and prints a
 * table with the targets.
 */
import {describe, expect, it} from 'vitest'
import {benchHistory, formatHistoryTable} from '../../scripts/benchHistory.ts'
import {runHistoryBench} from '../../scripts/benchHistoryCli.ts'

describe('history bench', () => {
  it('measures list, diff and export of a generated dataset', {timeout: 60_000}, async () => {
    const progress: string[] = []
    const [row] = await benchHistory([100], (line) => progress.push(line))
    expect(row).toMatchObject({size: 100, documents: 125})
    expect(row!.listP50).toBeGreaterThan(0)
    expect(row!.diffP50).toBeGreaterThan(0)
    expect(row!.exportDocsPerSecond).toBeGreaterThan(0)
    expect(progress[0]).toBe('100: loaded 125 documents and 40 edits of article-1')
  })

  it('prints a table with the targets in its header', () => {
    const table = formatHistoryTable([{size: 10000, documents: 11955, listP50: 15.12, diffP50: 9.4, exportMs: 300.2, exportDocsPerSecond: 39861}])
    expect(table.split('\n')).toEqual([
      '| articles | documents | list p50 ms (<= 100) | diff p50 ms (<= 100) | export ms | export docs/s (>= 20,000) |',
      '| -------- | --------- | -------------------- | -------------------- | --------- | ------------------------- |',
      '| 10000    | 11955     | 15.1                 | 9.4                  | 300       | 39861                     |',
    ])
  })

  it('answers --help with usage (0) and unknown options with usage (2)', async () => {
    expect(await runHistoryBench(['--help'])).toBe(0)
    expect(await runHistoryBench(['--bogus'])).toBe(2)
    expect(await runHistoryBench(['--sizes', 'many'])).toBe(2)
  })
})
