/**
 * Which query results stega encodes with edit info in draft mode: only text a reader sees and an
 * editor would click (titles, headings, Portable Text spans, a big number's display and caption,
 * names). Everything else stays clean because the site computes with it: section `kind`, block
 * `style`/`listItem`, span `marks`, `translation.method`, languages, dates and URLs.
 */
import type {FilterDefault} from 'next-sanity'

const VISIBLE_TEXT = new Set(['title', 'heading', 'text', 'display', 'caption', 'name', 'description'])

/** The client's `stega.filter`: visible text only, and never what the client's default leaves out. */
export const stegaFilter: FilterDefault = (props) => {
  const field = props.sourcePath.at(-1)
  return typeof field === 'string' && VISIBLE_TEXT.has(field) && props.filterDefault(props)
}
