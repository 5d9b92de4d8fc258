/**
 * The store's one SQL WHERE builder: conditions joined by AND, their `?` arguments kept in the
 * order the conditions were added (documents, candidates, the transaction log all build theirs here).
 */
import type {SQLInputValue} from 'node:sqlite'

/**
 * Lists longer than this go to SQLite as one JSON array: a statement takes at most 32,766 `?`
 * (`*[_id in $ids]` with more ids was "too many SQL variables"), and each `?` costs a bind.
 */
const LIST_AS_JSON_OVER = 256

/** The right side of an `IN`: `(?, …)`, or for a long list `(SELECT value FROM json_each(?))` and the list as JSON. */
export function inList(values: readonly (string | number)[]): {sql: string; args: SQLInputValue[]} {
  if (values.length > LIST_AS_JSON_OVER) return {sql: '(SELECT value FROM json_each(?))', args: [JSON.stringify(values)]}
  return {sql: `(${values.map(() => '?').join(',')})`, args: [...values]}
}

/**
 * `column` starts with `prefix`, as a range of the column's index (`substr` would read every row):
 * `column >= prefix AND column < prefix-with-its-last-character-plus-one`. SQLite compares text
 * as UTF-8 bytes, which orders as code points do; from U+D800 up, JavaScript's UTF-16 units order
 * otherwise, so a prefix ending there is compared by `substr`.
 */
export function startsWith(column: string, prefix: string): {sql: string; args: SQLInputValue[]} {
  const last = prefix.charCodeAt(prefix.length - 1)
  if (prefix === '' || last >= 0xd800) return {sql: `substr(${column}, 1, ?) = ?`, args: [prefix.length, prefix]}
  return {sql: `(${column} >= ? AND ${column} < ?)`, args: [prefix, prefix.slice(0, -1) + String.fromCharCode(last + 1)]}
}

export class Where {
  readonly clauses: string[] = []
  readonly args: SQLInputValue[] = []

  /** Adds a condition and the arguments of its `?` placeholders. */
  add(clause: string, ...args: SQLInputValue[]): this {
    this.clauses.push(clause)
    for (const arg of args) this.args.push(arg)
    return this
  }

  /** `expression IN (?, …)` (see inList); an empty list matches nothing. */
  in(expression: string, values: readonly (string | number)[]): this {
    if (!values.length) return this.add('0')
    const list = inList(values)
    return this.add(`${expression} IN ${list.sql}`, ...list.args)
  }

  /** `WHERE a AND b`, or '' without conditions. */
  sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : ''
  }
}
