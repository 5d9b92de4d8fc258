import {isArrayOfBlocksSchemaType, type SchemaType} from 'sanity'

/** Which kind of text an input edits, if any: a one- or multi-line text, or Portable Text. */
export type TextualKind = 'plainText' | 'portableText'

/** Types built on strings that hold codes or addresses, not prose: they stay left to right. */
const NOT_PROSE = new Set(['url', 'email', 'slug', 'date', 'datetime'])

function hasOptionsList(schemaType: SchemaType): boolean {
  const options: unknown = schemaType.options
  return typeof options === 'object' && options !== null && 'list' in options && Array.isArray(options.list)
}

/**
 * Whether an input edits prose whose direction follows the document's language.
 * Strings with a fixed list of values (dropdowns, radios) and URL-like types are not prose.
 */
export function textualKind(schemaType: SchemaType): TextualKind | undefined {
  if (isArrayOfBlocksSchemaType(schemaType)) return 'portableText'
  if (schemaType.jsonType !== 'string' || hasOptionsList(schemaType)) return undefined
  for (let type: SchemaType | undefined = schemaType; type; type = type.type) {
    if (NOT_PROSE.has(type.name)) return undefined
    if (type.name === 'string' || type.name === 'text') return 'plainText'
  }
  return undefined
}
