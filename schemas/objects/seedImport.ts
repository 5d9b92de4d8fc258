import {DatabaseIcon} from '@sanity/icons/Database'
import {defineField, defineType} from 'sanity'

/**
 * Bookkeeping written by the seed import, so a re-import can tell which fields an editor changed.
 * Hidden and read-only in the Studio: editors never need to touch it.
 */
export const seedImport = defineType({
  name: 'seedImport',
  title: 'Seed import',
  type: 'object',
  icon: DatabaseIcon,
  readOnly: true,
  fields: [
    defineField({
      name: 'file',
      title: 'File',
      type: 'string',
      description: 'The text file this document was imported from, e.g. seed/articles/000_f58be128c4b82355.txt.',
    }),
    defineField({
      name: 'importedAt',
      title: 'Imported at',
      type: 'datetime',
    }),
    defineField({
      name: 'fieldHashes',
      title: 'Field hashes',
      type: 'string',
      description: 'JSON object {field: sha256} of the values as imported; a different hash means an editor changed that field.',
    }),
  ],
  preview: {
    select: {file: 'file', importedAt: 'importedAt'},
    prepare({file, importedAt}) {
      return {
        title: file || 'Seed import',
        subtitle: importedAt ? `Imported ${importedAt}` : undefined,
      }
    },
  },
})
