/**
 * The indexes a query's pushdown would use (field equality, array membership, order key), found
 * from the parsed query alone, on the main thread, before it runs: the lake makes the missing ones
 * for token holders first, so even the first such query is narrowed (an unindexed one may need
 * every document in a worker's memory).
 */
import type {ExprNode} from 'groq-js'
import {pushDown} from './queryPushdown.ts'
import type {IndexWish, Perspective} from './types.ts'

/** The indexes the pushdown would look up for `tree` under `perspective`. */
export function wishedIndexes(tree: ExprNode, perspective: Perspective): IndexWish[] {
  const wishes: IndexWish[] = []
  pushDown(tree, {
    candidates: (constraints, order) => {
      for (const field of constraints.fields) wishes.push({kind: 'field', path: field.path})
      for (const member of constraints.members ?? []) wishes.push({kind: 'member', path: member.path})
      if (order?.path) wishes.push({kind: 'order', path: order.path})
      return []
    },
    count: () => null,
    ordersByIndex: perspective.kind !== 'stack',
  })
  return wishes
}
