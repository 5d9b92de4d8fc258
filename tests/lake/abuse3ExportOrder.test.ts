/**
 * An export of some types (`types=article`) reads documents in id order. Read through the type
 * index, SQLite had to sort every document of those types, JSON included, before the first line:
 * at the first step, on the main thread, for anyone (0.5 s for a type of 200 MB). It must read
 * them through the id index, in order, as the reader asks for them.
 */
import {DatabaseSync, type SQLInputValue} from 'node:sqlite'
import {describe, expect, it, vi} from 'vitest'

import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-export-order-', 'export-order-token')
const BASE = 'http://lake.test/v2025-02-19'

describe('an export of some types', () => {
  it('reads documents in id order without sorting them first', async () => {
    const mutations = Array.from({length: 20}, (_, i) => ({create: {_id: `d${i}`, _type: i % 2 ? 'odd' : 'even', n: i}}))
    const write = await temp.lake.handler(
      new Request(`${BASE}/data/mutate/production`, {
        method: 'POST',
        headers: {authorization: 'Bearer export-order-token', 'content-type': 'application/json'},
        body: JSON.stringify({mutations}),
      }),
    )
    expect(write.status).toBe(200)
    const statements: string[] = []
    const prepare = DatabaseSync.prototype.prepare
    const spy = vi.spyOn(DatabaseSync.prototype, 'prepare').mockImplementation(function (this: DatabaseSync, sql: string) {
      if (/FROM documents/.test(sql) && /ORDER BY id/.test(sql)) statements.push(sql)
      return prepare.call(this, sql)
    })
    try {
      for (const types of ['even', 'even,odd']) {
        for (const token of [null, 'export-order-token']) {
          const headers: Record<string, string> = token ? {authorization: `Bearer ${token}`} : {}
          const response = await temp.lake.handler(new Request(`${BASE}/data/export/production?types=${types}`, {headers}))
          const lines = (await response.text()).trim().split('\n').map((line) => JSON.parse(line) as {_id: string; _type: string})
          const ids = lines.map((doc) => doc._id)
          expect(ids).toEqual([...ids].sort())
          expect(new Set(lines.map((doc) => doc._type))).toEqual(new Set(types.split(',')))
        }
      }
    } finally {
      spy.mockRestore()
    }
    expect(statements.length).toBeGreaterThan(0)
    const db = new DatabaseSync(`${temp.dir}/production.sqlite`, {readOnly: true})
    try {
      for (const sql of statements) {
        const args: SQLInputValue[] = Array.from({length: (sql.match(/\?/g) ?? []).length}, () => 'even')
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args).map((row) => String(row.detail))
        expect(plan.join('; ')).not.toMatch(/TEMP B-TREE/)
      }
    } finally {
      db.close()
    }
  })
})
