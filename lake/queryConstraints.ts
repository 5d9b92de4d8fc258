/**
 * Reads required constraints out of a GROQ filter expression: the conjuncts of a top-level
 * AND chain of the forms `_type == "x"`, `_type in [...]`, `_id == "x"`, `_id in [...]` and
 * `a.b == <string|number>`, `<string|number> in a.b` (array membership) and `defined(a.b)`. The store uses them to narrow candidates before groq-js runs the
 * full filter again, so they only ever need to be implied by the filter, never equivalent.
 */
import type {ExprNode} from 'groq-js'
import {isSqlPath} from './fieldPaths.ts'
import type {Constraints} from './types.ts'

/** The constraints implied by `expr`. */
export function constraintsOf(expr: ExprNode): Constraints {
  const result: Constraints = {fields: [], exact: true}
  for (const conjunct of conjuncts(expr)) {
    if (!addConjunct(result, conjunct)) result.exact = false
  }
  return result
}

/** True when the constraints narrow anything at all. */
export function narrows(constraints: Constraints): boolean {
  const members = constraints.members?.length ?? 0
  return constraints.types !== undefined || constraints.ids !== undefined || constraints.fields.length > 0 || members > 0
}

function conjuncts(expr: ExprNode): ExprNode[] {
  if (expr.type === 'And') return [...conjuncts(expr.left), ...conjuncts(expr.right)]
  if (expr.type === 'Group') return conjuncts(expr.base)
  return [expr]
}

function addConjunct(result: Constraints, expr: ExprNode): boolean {
  const defined = definedPath(expr)
  if (defined) {
    // Exact: SQL's json_type is NULL for a missing field and 'null' for JSON null, GROQ's two nulls.
    result.defined = [...(result.defined ?? []), defined]
    return true
  }
  if (expr.type !== 'OpCall' || (expr.op !== '==' && expr.op !== 'in')) return false
  const member = expr.op === 'in' ? attributePath(expr.right) : null
  const scalar = member ? single(expr.left) : null
  if (member && scalar) {
    // Exact: the SQL looks for the string or number among the elements of an array only.
    result.members = [...(result.members ?? []), {path: member, values: scalar}]
    return true
  }
  let [attribute, literal] = [expr.left, expr.right]
  if (expr.op === '==' && attributePath(literal) && !attributePath(attribute)) [attribute, literal] = [literal, attribute]
  const path = attributePath(attribute)
  const values = expr.op === '==' ? single(literal) : list(literal)
  if (!path || !values) return false
  const key = path.join('.')
  if (key === '_type' || key === '_id') {
    if (!values.every((value) => typeof value === 'string')) return false
    const strings = values as string[]
    const field = key === '_type' ? 'types' : 'ids'
    const previous = result[field]
    result[field] = previous ? previous.filter((value) => strings.includes(value)) : [...new Set(strings)]
    return true
  }
  result.fields.push({path, values})
  // Exact for strings: SQL compares the string at the path (json_extract gives text only for a
  // JSON string), as GROQ's == does. Not for numbers: json_extract reads `true` as 1.
  return values.every((value) => typeof value === 'string') && isSqlPath(path)
}

/** The plain field path of `defined(a.b)`, else null. */
export function definedPath(expr: ExprNode): string[] | null {
  if (expr.type !== 'FuncCall' || expr.namespace !== 'global' || expr.name !== 'defined' || expr.args.length !== 1) return null
  const [arg] = expr.args
  const path = arg ? attributePath(arg) : null
  return path && isSqlPath(path) ? path : null
}

/** The path of `a.b.c` (attributes of the current document), else null. */
export function attributePath(node: ExprNode): string[] | null {
  if (node.type !== 'AccessAttribute') return null
  if (!node.base || node.base.type === 'This') return [node.name]
  const base = attributePath(node.base)
  return base ? [...base, node.name] : null
}

function single(node: ExprNode): Array<string | number> | null {
  if (node.type !== 'Value') return null
  return typeof node.value === 'string' || (typeof node.value === 'number' && Number.isFinite(node.value))
    ? [node.value]
    : null
}

function list(node: ExprNode): Array<string | number> | null {
  if (node.type === 'Value' && Array.isArray(node.value)) {
    return node.value.every((item) => typeof item === 'string') ? (node.value as string[]) : null
  }
  if (node.type !== 'Array') return null
  const values: string[] = []
  for (const element of node.elements) {
    if (element.isSplat || element.value.type !== 'Value' || typeof element.value.value !== 'string') return null
    values.push(element.value.value)
  }
  return values
}
