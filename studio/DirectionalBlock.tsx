import {useFormValue, type BlockProps} from 'sanity'
import {directionFor} from './direction.ts'

/**
 * Gives each Portable Text block the direction of the document's `language`, so paragraphs stay
 * right to left even where the editor renders outside the input (full-screen mode uses a portal).
 * With no language, `dir="auto"` lets each paragraph follow its own first letter.
 */
export function DirectionalBlock(props: BlockProps) {
  const dir = directionFor(useFormValue(['language']))
  return (
    <div dir={dir} data-direction-for="language">
      {props.renderDefault(props)}
    </div>
  )
}
