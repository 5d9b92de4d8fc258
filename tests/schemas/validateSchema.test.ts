import {groupProblems, validateSchema} from '@sanity/schema/_internal'
import {defineField, defineType} from 'sanity'
import {describe, expect, test} from 'vitest'
import {schemaTypes} from '../../schemas/index.ts'

/** The problems Sanity's own schema validation reports, as `{path, severity, message}`. */
function problemsOf(types: unknown[]) {
  return groupProblems(validateSchema(types).getTypes()).flatMap((group) =>
    group.problems.map((problem) => ({
      path: group.path.map((segment) => segment.name).join('.'),
      severity: problem.severity,
      message: problem.message,
    })),
  )
}

describe('schemaTypes', () => {
  test('validates with no errors and no warnings', () => {
    expect(problemsOf(schemaTypes)).toEqual([])
  })

  test('has the documents and objects of the content model contract', () => {
    expect(schemaTypes.map((type) => `${type.type}:${type.name}`)).toEqual([
      'document:article',
      'document:source',
      'document:publisher',
      'document:person',
      'object:articleSection',
      'array:articleBody',
      'object:bigNumber',
      'object:translation',
      'object:correction',
      'object:seedImport',
    ])
  })

  test('every type has an icon (icons come from @sanity/icons subpaths: the root entry exports none in v5)', () => {
    const withoutIcon = schemaTypes.filter((type) => !('icon' in type && type.icon)).map((type) => type.name)
    expect(withoutIcon).toEqual([])
  })

  test('every type an editor meets has a preview', () => {
    const withoutPreview = schemaTypes
      .filter((type) => type.type !== 'array' && !('preview' in type && type.preview))
      .map((type) => type.name)
    expect(withoutPreview).toEqual([])
  })
})

describe('a broken schema', () => {
  const broken = defineType({
    name: 'brokenArticle',
    type: 'document',
    fields: [
      defineField({name: 'title', type: 'string'}),
      defineField({name: 'title', type: 'text'}),
      defineField({name: 'author', type: 'personn'}),
    ],
  })

  test('is caught: a duplicate field name and an unknown type are errors', () => {
    const errors = problemsOf([...schemaTypes, broken]).filter((problem) => problem.severity === 'error')
    expect(errors.map(({path, message}) => ({path, message}))).toEqual([
      {path: 'brokenArticle', message: 'Found 2 fields with name "title" in object'},
      {path: 'brokenArticle.fields.<unnamed_type_@_index_2>', message: 'Unknown type: personn. Did you mean "person"?'},
    ])
  })
})
