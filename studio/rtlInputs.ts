import {definePlugin} from 'sanity'
import {DirectionalBlock} from './DirectionalBlock.tsx'
import {DirectionalInput} from './DirectionalInput.tsx'
import {LanguageTypography} from './LanguageTypography.tsx'
import {PreviewDirection} from './PreviewDirection.tsx'

/**
 * Sanity has no right-to-left support: this plugin makes every prose input of a document with a
 * `language` field (articles, sources) follow that language's direction, shows article text in
 * previews in its own direction, and keeps Portable Text from turning quotes into English ones.
 */
export const rtlInputs = definePlugin({
  name: 'rtl-inputs',
  studio: {components: {layout: PreviewDirection}},
  form: {
    components: {
      input: DirectionalInput,
      block: DirectionalBlock,
      portableText: {plugins: LanguageTypography},
    },
  },
})
