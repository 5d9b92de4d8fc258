import type {LayoutProps} from 'sanity'
import {createGlobalStyle} from 'styled-components'

/**
 * Article text outside the inputs follows its own direction: `unicode-bidi: plaintext` takes each
 * line's direction from its first strong character (for titles, the mark `isolate()` puts first).
 * - Preview lines (document lists, search results, references, array items) and pane headers:
 *   a right-to-left line starts on the right and overflows on the left, so Sanity's ellipsis cuts
 *   an Arabic headline at its end and its first words stay visible. Both spans of a Text get it
 *   (the inner one clips).
 * - String diffs in Review changes: the changed segments are inline pieces of one paragraph, which
 *   is laid out right to left when the text is Arabic, so NATO, (UN)؟ and 3.1% stay in place.
 * Lines of Latin text are unchanged. The document list and the diff render Sanity's own components
 * (no preview or diff component of ours reaches them), hence a stylesheet.
 */
const PreviewLines = createGlobalStyle`
  [data-testid$='-preview'] [data-ui='Text'] span,
  [data-testid='pane-header'] [data-ui='Text'] span,
  [data-ui='field-diff-inspect-wrapper'] > div:first-child {
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
