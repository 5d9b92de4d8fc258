import {useEffect, useRef} from 'react'
import {set, useFormValue, type StringInputProps} from 'sanity'
import {headingForKind} from '../schemas/sectionHeadings.ts'

/**
 * A section's heading input that fills itself in when the editor chooses the section's kind:
 * “حقائق رئيسية” for Key facts in an Arabic article, “Key Facts” in an English one. Only a change
 * of kind fills it (opening a section never writes), and a heading the editor typed is kept.
 */
export function SectionHeadingInput(props: StringInputProps) {
  const {onChange, path, value} = props
  const kind = useFormValue([...path.slice(0, -1), 'kind'])
  const language = useFormValue(['language'])
  const seenKind = useRef(kind)
  useEffect(() => {
    if (seenKind.current === kind) return
    seenKind.current = kind
    const heading = headingForKind(value, kind, language)
    if (heading) onChange(set(heading))
  }, [kind, language, onChange, value])
  return props.renderDefault(props)
}
