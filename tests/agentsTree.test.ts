/**
 * AGENTS.md tells the truth: its annotated tree names every source file and no file that is gone,
 * and its boundaries name every place outside scripts/ that reads the environment.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {filesInAgentsTree} from './helpers/agentsTree.ts'
import {sourceFiles} from './helpers/importGraph.ts'

const ROOT = join(import.meta.dirname, '..')
const named = filesInAgentsTree(ROOT)

describe('AGENTS.md', () => {
  it('names every source file in its annotated tree', () => {
    expect(sourceFiles(ROOT).filter((file) => !named.includes(file))).toEqual([])
  })

  it('names no file that is not there', () => {
    expect(named.filter((file) => !existsSync(join(ROOT, file)))).toEqual([])
  })

  it('names each source file outside scripts/ that reads the environment', () => {
    const readers = sourceFiles(ROOT).filter(
      (file) => !file.startsWith('scripts/') && /process\.(env|argv)/.test(readFileSync(join(ROOT, file), 'utf8')),
    )
    const boundary = readFileSync(join(ROOT, 'AGENTS.md'), 'utf8').split('\n- ').find((rule) => rule.startsWith('`scripts/` is the only place'))
    expect(readers).toEqual(['sanity.config.ts'])
    expect(readers.filter((file) => !boundary?.includes(`\`${file}\``))).toEqual([])
  })
})
