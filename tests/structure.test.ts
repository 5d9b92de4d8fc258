/**
 * The shape AGENTS.md and DESIGN.md promise, checked on the import graph of the source files:
 * no import circles, the store below the query layer, routes on the contracts only.
 */
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {circles, importGraph} from './helpers/importGraph.ts'

const ROOT = join(import.meta.dirname, '..')
const graph = importGraph(ROOT)

/** The pairs `from -> to` where a file matching `from` imports a file matching `to`. */
function imports(from: RegExp, to: RegExp): string[] {
  return [...graph].flatMap(([file, targets]) => (from.test(file) ? targets.filter((target) => to.test(target)).map((target) => `${file} -> ${target}`) : []))
}

/** Pure query code: constraints, order hints, pushdown, evaluation (not the worker pool that runs it). */
const QUERY = /^lake\/query(?!Pool|Worker)\w*\.ts$/

describe('the import graph of the source files', () => {
  it('has no circles (type-only imports count)', () => {
    expect(circles(graph)).toEqual([])
  })

  it('sees every source folder', () => {
    expect(graph.get('lake/store/dataset.ts')).toContain('lake/types.ts')
    expect(graph.get('seed/import/importArticles.ts')).toContain('seed/import/transactionOutcomes.ts')
  })

  it('keeps the store below the query layer: the store imports no query code', () => {
    expect(imports(/^lake\/store\//, QUERY)).toEqual([])
  })

  it('lets query code know the store only through the contracts in lake/types.ts', () => {
    expect(imports(QUERY, /^lake\/store(\/|\.ts$)/)).toEqual([])
  })

  it('lets routes use the contracts, never the store behind them', () => {
    expect(imports(/^lake\/(routes|studio|actions)\//, /^lake\/store(\/|\.ts$)/)).toEqual([])
  })

  it('keeps lake/types.ts a leaf that every part may import', () => {
    expect(graph.get('lake/types.ts')).toEqual([])
  })
})
