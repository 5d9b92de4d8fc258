import {useFormValue, type InputProps, type StringInputProps} from 'sanity'
import {directionFor} from './direction.ts'
import {textualKind} from './textualInput.ts'

function isStringInput(props: InputProps): props is StringInputProps {
  return props.schemaType.jsonType === 'string'
}

/**
 * Renders prose string and text inputs in the direction of the document's `language`: right to
 * left for Arabic, Persian, Hebrew and Urdu, `auto` when no language is set. The `dir` goes on the
 * `<input>` or `<textarea>` itself (it does not inherit `dir="auto"`) and on a wrapper.
 */
export function DirectionalInput(props: InputProps) {
  const language = useFormValue(['language'])
  const kind = textualKind(props.schemaType)
  // Portable Text gets its direction per block (DirectionalBlock): a `dir` around the whole
  // editor would also mirror its toolbar and push the text out of its box.
  if (!kind || kind === 'portableText') return props.renderDefault(props)
  const dir = directionFor(language)
  if (!isStringInput(props)) return props.renderDefault(props)
  const elementProps = {...props.elementProps, dir}
  return (
    <div dir={dir} data-direction-for="language">
      {props.renderDefault({...props, elementProps})}
    </div>
  )
}
