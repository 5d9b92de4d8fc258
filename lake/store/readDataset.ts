/**
 * A dataset opened read-only, for a query worker: its own SQLite connection to the dataset's
 * file. WAL lets it read while the lake writes; each query runs in one read transaction, so it
 * sees one committed state (every commit acknowledged before the query began, none after).
 * It never creates indexes: it uses those the lake made (`fieldIndexes.ts`).
 */
import {DatabaseSync, type StatementSync} from 'node:sqlite'
import type {Constraints, IndexWish, LakeDocument, OrderHint, Perspective, QueryableDataset} from '../types.ts'
import {candidates, countMatches, eachCandidate, type IndexedDatabase} from './candidates.ts'
import {existingIndexes, orderSql, wishName, type OrderExpressions} from './fieldIndexes.ts'

export class ReadDataset implements QueryableDataset, IndexedDatabase {
  readonly name: string
  readonly db: DatabaseSync
  #get: StatementSync
  #indexes = new Set<string>()

  constructor(name: string, file: string) {
    this.name = name
    this.db = new DatabaseSync(file, {readOnly: true})
    this.#get = this.db.prepare('SELECT json FROM documents WHERE id = ?')
  }

  /** Runs `read` in one read transaction (one snapshot), with the indexes of that snapshot. */
  async read<T>(read: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN')
    try {
      this.#indexes = existingIndexes(this.db)
      return await read()
    } finally {
      this.db.exec('COMMIT')
    }
  }

  get(id: string): LakeDocument | null {
    const row = this.#get.get(id)
    return row ? (JSON.parse(String(row.json)) as LakeDocument) : null
  }

  getMany(ids: string[]): Array<LakeDocument | null> {
    return ids.map((id) => this.get(id))
  }

  candidates(perspective: Perspective, constraints: Constraints, order?: OrderHint): LakeDocument[] {
    return candidates(this, perspective, constraints, order)
  }

  eachCandidate(perspective: Perspective, constraints: Constraints): Iterable<LakeDocument> {
    return eachCandidate(this, perspective, constraints)
  }

  countMatches(perspective: Perspective, constraints: Constraints): number {
    return countMatches(this, perspective, constraints)
  }

  orderExpressions(path: string[]): OrderExpressions | null {
    const order = orderSql(path)
    return order && this.#has({kind: 'order', path}) ? order : null
  }

  hasMemberIndex(path: string[]): boolean {
    return this.#has({kind: 'member', path})
  }

  #has(wish: IndexWish): boolean {
    const name = wishName(wish)
    return name !== null && this.#indexes.has(name)
  }

  close(): void {
    this.db.close()
  }
}
