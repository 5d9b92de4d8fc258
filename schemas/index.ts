import {article} from './documents/article.ts'
import {person} from './documents/person.ts'
import {publisher} from './documents/publisher.ts'
import {source} from './documents/source.ts'
import {articleBody} from './objects/articleBody.ts'
import {articleSection} from './objects/articleSection.ts'
import {bigNumber} from './objects/bigNumber.ts'
import {correction} from './objects/correction.ts'
import {seedImport} from './objects/seedImport.ts'
import {translation} from './objects/translation.ts'

export const schemaTypes = [
  // Documents
  article,
  source,
  publisher,
  person,
  // Objects
  articleSection,
  articleBody,
  bigNumber,
  translation,
  correction,
  seedImport,
]
