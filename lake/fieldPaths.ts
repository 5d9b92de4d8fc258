/**
 * Which field paths SQLite can read with `json_extract(json, '$.a.b')`: plain names only (the
 * store builds SQL from them, fieldIndexes.ts; a query's constraints count on that SQL being
 * applied, queryConstraints.ts). Other names (`a-b`, `"quoted"`) are left to groq-js.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** True when every name of `path` is plain, so that SQL can read the field. */
export function isSqlPath(path: readonly string[]): boolean {
  return path.length > 0 && path.every((name) => NAME.test(name))
}

/** The JSON path SQLite's json functions take for `path` (`$.a.b`), or null when SQL cannot read it. */
export function jsonPathOf(path: readonly string[]): string | null {
  return isSqlPath(path) ? `$.${path.join('.')}` : null
}
