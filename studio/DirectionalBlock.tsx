import {useFormValue, type BlockProps} from 'sanity'
import {styled} from 'styled-components'
import {directionFor} from './direction.ts'

/** Sanity indents list items by this much per level (its TextFlex padding). */
const LIST_INDENT_PX = 32

/**
 * Mirrors Sanity's list item layout for right-to-left text: its bullet or number is placed with
 * `margin-left` and `text-align: right` and the indent is a `padding-left`, all physical, so in
 * right-to-left text the marker sat on the first letter. `:dir(rtl)` also covers `dir="auto"`
 * paragraphs that turn out right to left. The row holding the marker is found with `:has()`.
 */
const BlockDirection = styled.div<{$indent: number}>`
  &:dir(rtl) :has(> div > [data-list-prefix]) {
    padding-left: 0;
    padding-right: ${({$indent}) => $indent}px;
  }
  &:dir(rtl) [data-list-prefix] {
    margin-left: 0;
    margin-right: -4.5rem;
    text-align: left;
  }
`

/** The indent of a list item, as Sanity computes it (level 1 when unset), 0 for other blocks. */
function listIndent(value: BlockProps['value']): number {
  if (!('listItem' in value) || !value.listItem) return 0
  const level = typeof value.level === 'number' ? value.level : 1
  return level * LIST_INDENT_PX
}

/**
 * Gives each Portable Text block the direction of the document's `language`, so paragraphs stay
 * right to left even where the editor renders outside the input (full-screen mode uses a portal).
 * With no language, `dir="auto"` lets each paragraph follow its own first letter.
 */
export function DirectionalBlock(props: BlockProps) {
  const dir = directionFor(useFormValue(['language']))
  return (
    <BlockDirection dir={dir} data-direction-for="language" $indent={listIndent(props.value)}>
      {props.renderDefault(props)}
    </BlockDirection>
  )
}
