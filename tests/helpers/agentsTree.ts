/**
 * Reads the annotated tree of AGENTS.md: every `.ts`/`.tsx` file it names, resolved against the
 * folder of the line that names it (`store/  dataset.ts (...), groupCommit.ts` names
 * `lake/store/dataset.ts` and `lake/store/groupCommit.ts`; `lib/target.ts` under `scripts/` names
 * `scripts/lib/target.ts`).
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

const FILE = /[\w./-]+\.tsx?\b/g

/** The repository-relative paths of the files the tree names, sorted, without repeats. */
export function filesInAgentsTree(root: string): string[] {
  const text = readFileSync(join(root, 'AGENTS.md'), 'utf8')
  const tree = text.slice(text.indexOf('## Tree (annotated)'))
  const block = tree.slice(tree.indexOf('```\n') + 4, tree.indexOf('\n```', tree.indexOf('```\n') + 4))
  /** Folders by the indentation of the line that opened them. */
  const folders: Array<{indent: number; path: string}> = []
  const named = new Set<string>()
  for (const line of block.split('\n')) {
    const indent = line.length - line.trimStart().length
    const first = line.trim().split(/\s+/)[0] ?? ''
    // An annotation continues the entry above; an entry at this indentation or less closes folders.
    const isEntry = indent < 6 && first !== ''
    if (isEntry) while (folders.length > 0 && folders[folders.length - 1]!.indent >= indent) folders.pop()
    if (isEntry && first.endsWith('/')) folders.push({indent, path: first})
    const base = folders.map((folder) => folder.path).join('')
    for (const match of line.matchAll(FILE)) named.add(resolveName(root, base, match[0]))
  }
  return [...named].sort()
}

/**
 * A name as written under `base`: `lib/x.ts` under `scripts/` is `scripts/lib/x.ts`, unless only the
 * name from the repository's root exists (`schemas/slug.ts` said under `seed/parse/`).
 */
function resolveName(root: string, base: string, name: string): string {
  const clean = name.replace(/^\.\//, '')
  if (existsSync(join(root, base + clean)) || !existsSync(join(root, clean))) return base + clean
  return clean
}
