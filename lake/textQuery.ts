/**
 * `text::query()`, the search function behind the Studio's default search strategy (`groq2024`):
 * `X match text::query("…")` holds when the text of X has every term of the query. groq-js has no
 * search engine, so before a query runs, each such `match` is replaced by `_id in [ids]`: the ids
 * of the documents whose X matches, found with the Arabic-aware analyzer (textAnalyzer.ts).
 *
 * Query syntax: words (all must match), `"an exact phrase"`, `-word` (must not match), `word*`
 * (prefix; the Studio adds it to the word being typed), `*` alone (matches everything).
 * Text is every string in X, except under keys starting with `_` (`_type`, `_key`, `_ref`, …);
 * `_id` counts where X names it (`[@, _id]`).
 */
import type {ExprNode} from 'groq-js'
import {isSelfContained} from './queryPushdown.ts'
import {foldText, WORD, wordForms, words} from './textAnalyzer.ts'

interface Term {
  words: string[]
  prefix: boolean
  negated: boolean
}

/** A parsed `text::query()` string: null matches everything. */
export type TextQuery = Term[] | null

const TOKEN = /(-?)(?:"([^"]*)"|(\S+))/gu

/** Parses the query string of `text::query()`. */
export function parseTextQuery(query: string): TextQuery {
  const terms: Term[] = []
  for (const [, minus, phrase, word] of query.matchAll(TOKEN)) {
    const raw = phrase ?? word ?? ''
    const prefix = phrase === undefined && raw.endsWith('*')
    const termWords = words(prefix ? raw.slice(0, -1) : raw)
    if (termWords.length > 0) terms.push({words: termWords, prefix, negated: minus === '-'})
  }
  return terms.length > 0 ? terms : null
}

/** Between the strings of a value folded together: no word has it, and folding leaves it alone. */
const SEPARATOR = '\u0000'

/** Whether the text of `value` matches `query`. */
export function matchesTextQuery(value: unknown, query: TextQuery): boolean {
  if (query === null) return true
  const strings: string[] = []
  collectStrings(value, strings)
  // Folded once for the whole value; most documents lack a word the query needs, and are told by a substring search.
  const folded = foldText(strings.join(SEPARATOR))
  if (query.some((term) => !term.negated && !term.words.every((word) => mayHold(folded, word)))) return false
  const forms = folded.split(SEPARATOR).map((text) => (text.match(WORD) ?? []).map(cachedForms))
  return query.every((term) => forms.some((text) => hasTerm(text, term)) !== term.negated)
}

/**
 * False when no word of `folded` can have `word` as a form (or, for a prefix, start a form with
 * it): every form is the end of its word, except that `لل` before a stem becomes `ال`.
 */
function mayHold(folded: string, word: string): boolean {
  if (folded.includes(word)) return true
  // A form made from `لل` + stem is `ال` + stem: the word itself holds `لل` and the rest.
  return ('ال'.startsWith(word) || word.startsWith('ال')) && folded.includes(`لل${word.slice(2)}`)
}

/** The forms of the words met so far; news text repeats its words, and forms are the costly part. */
const formsOf = new Map<string, string[]>()
const MAX_CACHED_WORDS = 100_000

function cachedForms(word: string): string[] {
  let forms = formsOf.get(word)
  if (!forms) {
    if (formsOf.size >= MAX_CACHED_WORDS) formsOf.clear()
    forms = wordForms(word)
    formsOf.set(word, forms)
  }
  return forms
}

function hasTerm(text: string[][], term: Term): boolean {
  const [first, ...rest] = term.words
  if (first === undefined) return false
  const last = term.words.length - 1
  const fits = (forms: string[] | undefined, word: string, index: number) =>
    forms !== undefined && forms.some((form) => (term.prefix && index === last ? form.startsWith(word) : form === word))
  return text.some((forms, start) => fits(forms, first, 0) && rest.every((word, i) => fits(text[start + i + 1], word, i + 1)))
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value)
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) if (!key.startsWith('_')) collectStrings(item, into)
  }
}

interface TextMatch {
  /** The `match` node to replace. */
  node: ExprNode
  /** What is searched (the left side of `match`). */
  target: ExprNode
  query: TextQuery
}

/**
 * Replaces every `X match text::query(q)` in `tree` by `_id in [ids of the documents whose X
 * matches]`; `project` evaluates a projection over the query's documents and gives its rows,
 * `chunked` when the projection reads nothing but each document (then it may run over the
 * documents a chunk at a time, and the rows are tested as they come).
 * @throws Error (the query's `queryExecutionError`) when the argument of `text::query()` is not a
 * string, or the call is not on the right of `match`.
 */
export function resolveTextQueries(tree: ExprNode, project: (projection: ExprNode, chunked: boolean) => Iterable<unknown>): ExprNode {
  const matches: TextMatch[] = []
  findTextMatches(tree, matches)
  if (matches.length === 0) return tree
  const projection: ExprNode = {
    type: 'Map',
    base: {type: 'Everything'},
    expr: {
      type: 'Projection',
      base: {type: 'This'},
      expr: {
        type: 'Object',
        attributes: [
          {type: 'ObjectAttributeValue', name: '_id', value: {type: 'AccessAttribute', name: '_id'}},
          ...matches.map((match, i): {type: 'ObjectAttributeValue'; name: string; value: ExprNode} => ({
            type: 'ObjectAttributeValue',
            name: `t${i}`,
            value: match.target,
          })),
        ],
      },
    },
  }
  const rows = project(projection, matches.every((match) => isSelfContained(match.target)))
  const ids = matches.map(() => [] as string[])
  for (const row of rows) {
    const record = row as Record<string, unknown>
    if (typeof record._id !== 'string') continue
    matches.forEach((match, i) => {
      if (matchesTextQuery(record[`t${i}`], match.query)) ids[i]?.push(record._id as string)
    })
  }
  const replacements = new Map(matches.map((match, i) => [match.node, ids[i] ?? []]))
  return replaceNodes(tree, replacements)
}

function findTextMatches(node: unknown, into: TextMatch[]): void {
  if (Array.isArray(node)) return node.forEach((child) => findTextMatches(child, into))
  if (typeof node !== 'object' || node === null) return
  const expr = node as ExprNode
  if (expr.type === 'OpCall' && expr.op === 'match' && isTextQueryCall(expr.right)) {
    const argument = expr.right.args[0]
    if (argument?.type !== 'Value' || typeof argument.value !== 'string') {
      throw new Error('text::query() takes one string, e.g. text::query("north korea")')
    }
    into.push({node: expr, target: expr.left, query: parseTextQuery(argument.value)})
    return
  }
  // Anywhere else groq-js would answer "not implemented", which does not say where it works.
  if (isTextQueryCall(expr)) {
    throw new Error('text::query() works on the right of match only, e.g. *[[@, _id] match text::query("north korea")]')
  }
  for (const child of Object.values(node)) findTextMatches(child, into)
}

function isTextQueryCall(node: ExprNode): node is Extract<ExprNode, {type: 'FuncCall'}> {
  return node.type === 'FuncCall' && node.namespace === 'text' && node.name === 'query'
}

function replaceNodes(node: unknown, replacements: Map<ExprNode, string[]>): ExprNode {
  return copy(node) as ExprNode
  function copy(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(copy)
    if (typeof value !== 'object' || value === null) return value
    const ids = replacements.get(value as ExprNode)
    if (ids) {
      return {type: 'OpCall', op: 'in', left: {type: 'AccessAttribute', name: '_id'}, right: {type: 'Value', value: ids}}
    }
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, copy(child)]))
  }
}
