import {useFormValue, type InputProps, type StringInputProps} from 'sanity'
import {directionFor} from './direction.ts'
import {textualKind} from './textualInput.ts'

function isStringInput(props: InputProps): props is StringInputProps {
  return props.schemaType.jsonType === 'string'
}

/**
 * Renders prose inputs (string, text, Portable Text) in the direction of the document's
 * `language`: right to left for Arabic, Persian, Hebrew and Urdu, `auto` when no language is set.
 * The `dir` goes on a wrapper, which the Portable Text editor inherits, and on the `<input>` or
 * `<textarea>` itself, which does not inherit `dir="auto"` from an ancestor.
 */
export function DirectionalInput(props: InputProps) {
  const language = useFormValue(['language'])
  const kind = textualKind(props.schemaType)
  if (!kind) return props.renderDefault(props)
  const dir = directionFor(language)
  if (kind === 'plainText' && isStringInput(props)) {
    const elementProps = {...props.elementProps, dir}
    return (
      <div dir={dir} data-direction-for="language">
        {props.renderDefault({...props, elementProps})}
      </div>
    )
  }
  return (
    <div dir={dir} data-direction-for="language">
      {props.renderDefault(props)}
    </div>
  )
}
