import type {LayoutProps} from 'sanity'
import {createGlobalStyle} from 'styled-components'

/**
 * Preview lines (document lists, search results, references, array items) follow their own
 * text's direction: `unicode-bidi: plaintext` takes each line's direction from its first strong
 * character, the mark `isolate()` puts before an article's title. A right-to-left line then
 * starts on the right and overflows on the left, so Sanity's ellipsis cuts an Arabic headline
 * at its end and its first words stay visible. Both spans of a Text get it: the inner one clips. Lines of Latin text are unchanged. The document
 * list renders its previews itself (no preview component reaches it), hence a stylesheet.
 */
const PreviewLines = createGlobalStyle`
  [data-testid$='-preview'] [data-ui='Text'] span {
    unicode-bidi: plaintext;
    text-align: start;
  }
`

/** The Studio's layout with the preview stylesheet. */
export function PreviewDirection(props: LayoutProps) {
  return (
    <>
      <PreviewLines />
      {props.renderDefault(props)}
    </>
  )
}
