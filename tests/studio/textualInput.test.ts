import {createSchema, type ObjectSchemaType} from 'sanity'
import {expect, test} from 'vitest'
import {schemaTypes} from '../../schemas/index.ts'
import {textualKind} from '../../studio/textualInput.ts'

const schema = createSchema({name: 'test', types: schemaTypes})

function objectType(name: string): ObjectSchemaType {
  const type = schema.get(name)
  if (!type || !('fields' in type)) throw new Error(`${name} is not an object type`)
  return type
}

/** For each field of a type, the kind of text its input edits (absent: not prose, keeps its direction). */
function kinds(typeName: string): Record<string, string> {
  return Object.fromEntries(
    objectType(typeName)
      .fields.map((field) => [field.name, textualKind(field.type)] as const)
      .filter((entry): entry is readonly [string, 'plainText' | 'portableText'] => entry[1] !== undefined),
  )
}

test('article: title and description follow the language; codes, dates, slugs and references do not', () => {
  expect(kinds('article')).toEqual({title: 'plainText', description: 'plainText'})
})

test('section: the heading and the Portable Text body follow the language, the kind dropdown does not', () => {
  expect(kinds('articleSection')).toEqual({heading: 'plainText', body: 'portableText'})
})

test('big number, correction and source: prose fields only (and the correction\'s read-only revision id, a plain string)', () => {
  expect(kinds('bigNumber')).toEqual({display: 'plainText', unit: 'plainText', caption: 'plainText'})
  expect(kinds('correction')).toEqual({text: 'plainText', revision: 'plainText'})
  expect(kinds('source')).toEqual({title: 'plainText', author: 'plainText'})
})
