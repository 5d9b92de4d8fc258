import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {schemaTypes} from '../../schemas/index.ts'
import {importArticles} from '../../seed/import/importArticles.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const FILES = [
  join(ROOT, 'seed', 'articles', '000_f58be128c4b82355.txt'),
  join(import.meta.dirname, 'fixtures', 'good', '001-english-full-vocabulary.txt'),
  join(import.meta.dirname, 'fixtures', 'good', '002-arabic-variants-indic-digits.txt'),
]

/** Field names per type, from the schema engineer's definitions (the contract in AGENTS.md). */
function fieldsOf(name: string): string[] {
  const type = schemaTypes.find((t) => t.name === name)
  const fields = type && 'fields' in type && Array.isArray(type.fields) ? type.fields : []
  return fields.map((field: {name: string}) => field.name)
}

/** Every object path's own keys, minus Sanity's system keys, grouped by `_type`. */
function keysByType(value: unknown, into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (Array.isArray(value)) value.forEach((item) => keysByType(item, into))
  else if (value !== null && typeof value === 'object') {
    const type = '_type' in value && typeof value._type === 'string' ? value._type : ''
    const keys = into.get(type) ?? new Set<string>()
    for (const [key, child] of Object.entries(value)) {
      if (!key.startsWith('_')) keys.add(key)
      keysByType(child, into)
    }
    into.set(type, keys)
  }
  return into
}

describe('the documents the seed writes fit the schemas', () => {
  test('every field the import writes is declared in its schema type', async () => {
    const lines: string[] = []
    await importArticles(null, FILES, {now: () => '2026-01-01T00:00:00.000Z', out: (line) => lines.push(line)})
    const keys = keysByType(lines.map((line) => JSON.parse(line)))
    for (const type of ['article', 'source', 'publisher', 'person', 'articleSection', 'bigNumber', 'translation', 'seedImport']) {
      const undeclared = [...(keys.get(type) ?? [])].filter((field) => !fieldsOf(type).includes(field))
      expect(keys.get(type)?.size).toBeGreaterThan(0)
      expect({type, undeclared}).toEqual({type, undeclared: []})
    }
    expect([...(keys.get('bigNumber') ?? [])].sort()).toEqual(['caption', 'display', 'scale', 'unit', 'value'])
  })
})
