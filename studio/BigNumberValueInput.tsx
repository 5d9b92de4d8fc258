import {useEffect, useRef} from 'react'
import type {NumberInputProps} from 'sanity'
import {hasEasternDigits, westernNumberText} from '../schemas/bigNumberValue.ts'

/**
 * Sanity's number input, accepting Arabic-Indic (٠-٩) and Persian (۰-۹) digits: a browser's
 * number field drops them (typing ٤ left the value empty), so typed or pasted text with them is
 * replaced by the same number in Western digits before the field sees it.
 */
export function BigNumberValueInput(props: NumberInputProps) {
  const wrapper = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const element = wrapper.current
    if (!element) return undefined
    const convert = (event: InputEvent) => {
      const text = event.data ?? event.dataTransfer?.getData('text/plain')
      if (!text || !hasEasternDigits(text)) return
      event.preventDefault()
      // The one way to insert into a number field at the caret (it has no selection API) and
      // still fire the input event the form listens to.
      document.execCommand('insertText', false, westernNumberText(text))
    }
    element.addEventListener('beforeinput', convert)
    return () => element.removeEventListener('beforeinput', convert)
  }, [])
  return <div ref={wrapper}>{props.renderDefault(props)}</div>
}
