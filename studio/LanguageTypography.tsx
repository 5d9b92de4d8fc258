import {useFormValue, type PortableTextPluginsProps} from 'sanity'
import {directionFor} from './direction.ts'

/**
 * The Portable Text editor's typography rules that turn straight quotes into English curly ones
 * (“ ” ‘ ’) as the editor types. Arabic, Persian, Hebrew and Urdu quote differently (« », „ “)
 * or keep straight quotes, so in those languages the editor keeps what was typed.
 */
export const ENGLISH_QUOTE_RULES = [
  'openingDoubleQuote',
  'closingDoubleQuote',
  'openingSingleQuote',
  'closingSingleQuote',
] as const

/** Switches the English smart quotes off in right-to-left documents; the other rules stay. */
export function LanguageTypography(props: PortableTextPluginsProps) {
  const rtl = directionFor(useFormValue(['language'])) === 'rtl'
  if (!rtl) return props.renderDefault(props)
  const typography = props.plugins.typography ?? {}
  return props.renderDefault({
    ...props,
    plugins: {...props.plugins, typography: {...typography, disable: [...(typography.disable ?? []), ...ENGLISH_QUOTE_RULES]}},
  })
}
