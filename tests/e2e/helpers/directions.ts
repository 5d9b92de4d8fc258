import type {Page} from 'playwright-core'

/** One prose input of the open document: its text's start, its `dir` and its computed direction. */
export interface InputDirection {
  text: string
  dir: string | null
  direction: string
}

/** How much of each value `directions()` reports: enough to tell the inputs apart. */
const TEXT_START = 12

/** The start of a value, as `directions()` reports it. */
export function textStart(text: string): string {
  return text.slice(0, TEXT_START)
}

/** `dir` and computed direction of every string input, textarea and Portable Text block on the page. */
export function directions(page: Page): Promise<InputDirection[]> {
  return page.evaluate(
    (length) =>
      [...document.querySelectorAll('input[data-testid="string-input"], textarea, [data-pt-block="text"]')].map(
        (element) => ({
          text: (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
            ? element.value
            : (element.textContent ?? '')
          ).slice(0, length),
          dir: element.getAttribute('dir'),
          direction: getComputedStyle(element).direction,
        }),
      ),
    TEXT_START,
  )
}
