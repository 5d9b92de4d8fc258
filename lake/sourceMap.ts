/**
 * Content Source Maps (`resultSourceMap`): for values of a query result, the document and path
 * they came from, in the shape @sanity/client's csm/stega helpers read.
 *
 * groq-js keeps no provenance, so the lake derives it after evaluation from the documents the
 * query read (queryReads.ts), walking the result and its candidate source side by side:
 * - a result object with an `_id` of a read document comes from that document;
 * - a projected field comes from the source object's field of the same name when the values are
 *   equal; a renamed string (`"slug": slug.current`) from the first equal string under the
 *   source object; objects and arrays are walked down to their strings and numbers, each mapped on
 *   its own (so Portable Text spans get keyed paths, not a suffix of result indexes);
 * - array members follow their `_key` (keyed paths `[?(@._key=='…')]` with
 *   `withKeyArraySelector`, indexes otherwise), else their index.
 * Values computed by functions stay unmapped unless they equal a source string exactly (then they
 * point at that string, which is what an editor would change).
 */
import type {LakeDocument} from './types.ts'

type Segment = string | number | {_key: string; _index: number}

/** The source map of a query response. */
export interface SourceMap {
  documents: Array<{_id: string; _type: string}>
  paths: string[]
  mappings: Record<string, {type: 'value'; source: {type: 'documentValue'; document: number; path: number}}>
}

interface Source {
  doc: LakeDocument
  path: Segment[]
  value: unknown
}

/** How deep a renamed string is searched for under its source object. */
const SEARCH_DEPTH = 4

/** Builds the source map of `result` from the documents the query read, by id. */
export function buildSourceMap(result: unknown, documents: Map<string, LakeDocument>, options: {keyed: boolean}): SourceMap {
  const map: SourceMap = {documents: [], paths: [], mappings: {}}
  const documentIndex = new Map<LakeDocument, number>()
  const pathIndex = new Map<string, number>()
  const add = (resultPath: Array<string | number>, source: Source) => {
    let document = documentIndex.get(source.doc)
    if (document === undefined) {
      document = map.documents.push({_id: originalId(source.doc), _type: source.doc._type}) - 1
      documentIndex.set(source.doc, document)
    }
    const sourcePath = jsonPath(source.path.map((segment) => (typeof segment === 'object' && !options.keyed ? segment._index : segment)))
    let path = pathIndex.get(sourcePath)
    if (path === undefined) {
      path = map.paths.push(sourcePath) - 1
      pathIndex.set(sourcePath, path)
    }
    map.mappings[jsonPath(resultPath)] = {type: 'value', source: {type: 'documentValue', document, path}}
  }

  const walk = (value: unknown, resultPath: Array<string | number>, source: Source | null): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...resultPath, index], member(source, item, index)))
      return
    }
    if (isObject(value)) {
      const own = typeof value._id === 'string' ? documents.get(value._id) : undefined
      const from = own ? {doc: own, path: [], value: own} : source
      for (const [key, child] of Object.entries(value)) {
        // System values (`_id`, `_key`, `_type`, `_ref`) are not edited in a form; stega skips them too.
        if (key.startsWith('_') && (typeof child !== 'object' || child === null)) continue
        walk(child, [...resultPath, key], field(from, key, child))
      }
      return
    }
    if (source && (typeof value === 'string' || typeof value === 'number') && source.value === value) add(resultPath, source)
  }
  walk(result, [], null)
  return map
}

/** The source of a projected field: the same name, else (strings) the first equal string below. */
function field(parent: Source | null, key: string, value: unknown): Source | null {
  if (!parent || !isObject(parent.value)) return null
  const same = parent.value[key]
  if (same !== undefined && (same === value || typeof value === 'object')) return {doc: parent.doc, path: [...parent.path, key], value: same}
  if (typeof value === 'string' && value !== '') return findString(parent, value, SEARCH_DEPTH)
  return null
}

/** The source of an array member: by `_key`, else by index. */
function member(parent: Source | null, item: unknown, index: number): Source | null {
  if (!parent || !Array.isArray(parent.value)) return null
  const key = isObject(item) && typeof item._key === 'string' ? item._key : null
  if (key !== null) {
    const at = parent.value.findIndex((candidate) => isObject(candidate) && candidate._key === key)
    if (at >= 0) return {doc: parent.doc, path: [...parent.path, {_key: key, _index: at}], value: parent.value[at]}
    return null
  }
  return index < parent.value.length ? {doc: parent.doc, path: [...parent.path, index], value: parent.value[index]} : null
}

function findString(at: Source, value: string, depth: number): Source | null {
  if (at.value === value) return at
  if (depth === 0) return null
  const children: Array<[Segment, unknown]> = Array.isArray(at.value)
    ? at.value.map((item, index) => [isObject(item) && typeof item._key === 'string' ? {_key: item._key, _index: index} : index, item])
    : isObject(at.value)
      ? Object.entries(at.value).filter(([key]) => !key.startsWith('_'))
      : []
  for (const [segment, child] of children) {
    const found = findString({doc: at.doc, path: [...at.path, segment], value: child}, value, depth - 1)
    if (found) return found
  }
  return null
}

function originalId(doc: LakeDocument): string {
  return typeof doc._originalId === 'string' ? doc._originalId : doc._id
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSONPath as @sanity/client writes them (`$['a'][0][?(@._key=='k')]`). */
function jsonPath(path: Segment[]): string {
  const quote = (text: string) => text.replace(/[\f\n\r\t'\\]/g, (char) => ({'\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\'})[char] ?? char)
  return `$${path
    .map((segment) => (typeof segment === 'string' ? `['${quote(segment)}']` : typeof segment === 'number' ? `[${segment}]` : `[?(@._key=='${quote(segment._key)}')]`))
    .join('')}`
}
