import {describe, expect, test} from 'vitest'
import {benchSeed, formatSeedTable} from '../../scripts/benchSeed.ts'

describe('the seed bench', () => {
  test('imports the generated articles with both importers, each run into a fresh lake, and tabulates medians', async () => {
    const log: string[] = []
    const rows = await benchSeed([24], (line) => log.push(line), 2)
    expect(rows).toHaveLength(1)
    const [row] = rows
    // Per article: itself, its original source and a further-reading source; 24 of the 200 authors;
    // the publishers the two templates name (as at 1,000 articles: 3,000 + 200 + 3 documents).
    expect(row?.documents).toEqual({seed: 24 * 3 + 24 + 3, sanityImport: 24 * 3 + 24 + 3})
    expect(row?.runs).toBe(2)
    expect(log.filter((line) => line.includes('seed import (run'))).toEqual(['24: seed import (run 1 of 2)', '24: seed import (run 2 of 2)'])
    const table = formatSeedTable(rows).split('\n')
    expect(table[0]).toContain('| articles | docs | runs | seed art/s | seed art/s range |')
    expect(table[2]).toMatch(/^\| 24 +\| 99 +\| 2 +\| \d+ +\| \d+–\d+ +\|/)
  }, 120_000)
})
