/**
 * The shape AGENTS.md and DESIGN.md promise, checked on the import graph of the source files:
 * no import circles, the store below the query layer, routes on the contracts only.
 */
import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {circles, importGraph, sourceFiles} from './helpers/importGraph.ts'

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

  it('keeps lake/types.ts a leaf that every part may import, and the HTTP contracts on it alone', () => {
    expect(graph.get('lake/types.ts')).toEqual([])
    expect(graph.get('lake/routeTypes.ts')).toEqual(['lake/types.ts'])
  })
})

describe('each rule and each type has one source', () => {
  /** The source files whose text contains `text`. */
  const filesWith = (text: string) => sourceFiles(ROOT).filter((file) => readFileSync(join(ROOT, file), 'utf8').includes(text))

  it('writes the slug pattern once, where the Studio and the seed both read it', () => {
    expect(filesWith('[a-z0-9]+(?:-[a-z0-9]+)*')).toEqual(['schemas/contentRules.ts'])
  })

  it('lists the translation methods once', () => {
    expect(filesWith("'postEdited'")).toEqual(['schemas/contentRules.ts'])
  })

  it("writes the seed's Node flags only in package.json", () => {
    expect(filesWith('--max-semi-space-size')).toEqual([])
  })

  it('types no query result by hand: every query the code runs is a defineQuery that TypeGen reads', () => {
    expect(filesWith('.fetch<')).toEqual([])
  })

  it('finds a running lake in one place: the lake writes its files, lakeFiles.ts reads them for the scripts and the site', () => {
    expect(filesWith("'lake.json'")).toEqual(['lake/serve.ts', 'scripts/lib/lakeFiles.ts'])
    expect(filesWith("'.lake'")).toEqual(['scripts/lib/lakeFiles.ts'])
    const site = readFileSync(join(ROOT, 'web/next.config.ts'), 'utf8')
    expect([site.includes("'lake.json'"), site.includes("'token'"), site.includes("'.lake'")]).toEqual([false, false, false])
  })
})

describe('names that explain themselves', () => {
  it('defines each exported name in one source file', () => {
    const definedIn = new Map<string, Set<string>>()
    for (const file of sourceFiles(ROOT)) {
      for (const match of readFileSync(join(ROOT, file), 'utf8').matchAll(/^export (?:async )?(?:function|const|class) (\w+)/gm)) {
        definedIn.set(match[1]!, (definedIn.get(match[1]!) ?? new Set()).add(file))
      }
    }
    expect([...definedIn].filter(([, files]) => files.size > 1).map(([name, files]) => `${name}: ${[...files].join(', ')}`)).toEqual([])
  })

  it('calls only the history CLI history.ts, and no lake folder like a top-level one', () => {
    const files = sourceFiles(ROOT)
    expect(files.filter((file) => file.endsWith('/history.ts') || file === 'history.ts')).toEqual(['scripts/history.ts'])
    expect(files.filter((file) => file.startsWith('lake/studio/'))).toEqual([])
  })
})

describe('what each process loads', () => {
  /** The packages under node_modules that importing `files` (relative to the root) loads, in a fresh Node. */
  function packagesLoadedBy(files: string[]): string[] {
    const code = `
      import {registerHooks} from 'node:module'
      const packages = new Set()
      registerHooks({resolve(specifier, context, next) {
        const resolved = next(specifier, context)
        const name = resolved.url.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/)?.[1]
        if (name) packages.add(name)
        return resolved
      }})
      for (const file of ${JSON.stringify(files)}) await import(new URL(file, ${JSON.stringify(`file://${ROOT}/`)}).href)
      console.log(JSON.stringify([...packages].sort()))`
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], {encoding: 'utf8'})
    if (run.status !== 0) throw new Error(run.stderr)
    return JSON.parse(run.stdout) as string[]
  }

  it("starts the seed's parse worker without the Studio: the seed's parser and the content rules need no 'sanity'", () => {
    // The parse worker loads prepareArticle.ts; through schemas/ it once loaded all of 'sanity' (9,000 modules).
    expect(packagesLoadedBy(['seed/import/prepareArticle.ts', 'schemas/contentRules.ts', 'schemas/sectionHeadings.ts'])).toEqual(['groq'])
  })

  it('runs the seed and the lake without the Studio', () => {
    expect(packagesLoadedBy(['seed/import/importArticles.ts', 'seed/import/checkArticles.ts', 'scripts/lib/target.ts', 'lake/serve.ts'])).not.toContain('sanity')
  })
})
