/**
 * The import graph of the repository's source files, read with TypeScript's own scanner
 * (`preProcessFile`): static, type-only, re-export and dynamic imports of relative files.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'
import ts from 'typescript'

/** The folders whose files are source (tests, web/ and generated files are not). */
export const SOURCE_FOLDERS = ['lake', 'seed', 'scripts', 'schemas', 'studio', 'queries']
/** Source files at the top level. */
export const SOURCE_ROOT_FILES = ['sanity.config.ts', 'sanity.cli.ts']

/** Every `.ts`/`.tsx` source file, relative to `root`, sorted. */
export function sourceFiles(root: string): string[] {
  const files = SOURCE_FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), {recursive: true, encoding: 'utf8'}).map((file) => join(folder, file)),
  )
  return [...files, ...SOURCE_ROOT_FILES].filter((file) => /\.tsx?$/.test(file)).sort()
}

/** For each source file, the source files it imports (relative paths). */
export function importGraph(root: string): Map<string, string[]> {
  const files = sourceFiles(root)
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const {importedFiles} = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true)
    const imports = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(root, resolve(root, dirname(file), name)))
    graph.set(file, [...new Set(imports.filter((name) => known.has(name)))])
  }
  return graph
}

/** The circles of the graph: each strongly connected group of two or more files, sorted. */
export function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  const visit = (file: string) => {
    index.set(file, index.size)
    low.set(file, index.get(file)!)
    stack.push(file)
    onStack.add(file)
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!))
    }
    if (low.get(file) !== index.get(file)) return
    const group: string[] = []
    let member: string | undefined
    do {
      member = stack.pop()!
      onStack.delete(member)
      group.push(member)
    } while (member !== file)
    if (group.length > 1) groups.push(group.sort())
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return groups.sort()
}
