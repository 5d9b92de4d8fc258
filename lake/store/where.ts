/**
 * The store's one SQL WHERE builder: conditions joined by AND, their `?` arguments kept in the
 * order the conditions were added (documents, candidates, the transaction log all build theirs here).
 */
import type {SQLInputValue} from 'node:sqlite'

export class Where {
  readonly clauses: string[] = []
  readonly args: SQLInputValue[] = []

  /** Adds a condition and the arguments of its `?` placeholders. */
  add(clause: string, ...args: SQLInputValue[]): this {
    this.clauses.push(clause)
    this.args.push(...args)
    return this
  }

  /** `expression IN (?, …)`; an empty list matches nothing. */
  in(expression: string, values: readonly SQLInputValue[]): this {
    return this.add(values.length ? `${expression} IN (${values.map(() => '?').join(',')})` : '0', ...values)
  }

  /** `WHERE a AND b`, or '' without conditions. */
  sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : ''
  }
}
