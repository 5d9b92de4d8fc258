/**
 * Queries the main thread parses and runs itself: a listener's filter (run on every change) and
 * the selection of a `delete`/`patch` by query (run inside the write). No worker stops them at a
 * time budget, so what would make their parse or their evaluation superlinear is refused first,
 * with one message for each reason whichever of the two asked.
 */
import type {ExprNode} from 'groq-js'

import {LakeError} from './errors.ts'
import {definesFunctions, MAIN_THREAD_PARSE_MAX, mainThreadHazard, parseQuery} from './query.ts'

/** Where a main-thread query runs, as its refusals say it. */
export interface MainThreadUse {
  /** What the query is: "Listener queries". */
  queries: string
  /** How to shorten one: "listen with a shorter filter". */
  shorter: string
  /** Where it runs, why that must be bounded: "it runs on every change, on the thread that serves every client". */
  runs: string
  /** What to do instead of a refused filter: "query instead of listening". */
  instead: string
}

export const LISTENER_QUERY: MainThreadUse = {
  queries: 'Listener queries',
  shorter: 'listen with a shorter filter',
  runs: 'it runs on every change, on the thread that serves every client',
  instead: 'query instead of listening',
}

export const MUTATION_QUERY: MainThreadUse = {
  queries: 'Queries in mutations',
  shorter: 'select with a shorter filter',
  runs: 'it runs inside the write, on the thread that serves every client',
  instead: 'select the documents without it',
}

/**
 * Parses `query` as every query is parsed (parseQuery: parse errors with their position, missing
 * parameters), after the bounds the main thread needs: at most MAIN_THREAD_PARSE_MAX characters
 * (groq-js parses operator chains in quadratic time) and no custom functions (their parse doubles
 * with each level).
 * @throws LakeError 400
 */
export function parseOnMainThread(query: string, params: Record<string, unknown>, use: MainThreadUse): ExprNode {
  if (query.length > MAIN_THREAD_PARSE_MAX) {
    throw new LakeError(
      400,
      `${use.queries} are limited to ${MAIN_THREAD_PARSE_MAX} characters, this one has ${query.length}: ` +
        `${use.shorter} and pass long values (such as lists of ids) as $parameters`,
    )
  }
  if (definesFunctions(query)) {
    throw new LakeError(
      400,
      `${use.queries} cannot define custom functions (fn) on this lake: their parse cannot be bounded, as ${use.runs}; ` +
        'write the filter without them',
    )
  }
  return parseQuery(query, params)
}

/**
 * Refuses a filter whose evaluation would be superlinear (mainThreadHazard: `match` patterns,
 * `path()` globs, large `array::intersects`).
 * @throws LakeError 400
 */
export function refuseHazards(filter: ExprNode, use: MainThreadUse): void {
  const hazard = mainThreadHazard(filter)
  if (hazard) throw new LakeError(400, `${use.queries} cannot use ${hazard} on this lake: ${use.runs}. Instead, ${use.instead}`)
}
