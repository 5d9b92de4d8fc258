/** Where text sits on screen, measured in the page: for checks an editor would make by eye. */
import type {Locator} from 'playwright-core'

export interface Box {
  left: number
  right: number
}

/** How a clipped line of text sits in the box that clips it. */
export interface ClippedLine {
  /** The first word of the text (its reading start), wherever the line puts it. */
  firstWord: Box
  /** The whole text, unclipped. */
  text: Box
  /** The nearest element (the text's own or an ancestor) that clips it. */
  clip: Box
  textOverflow: string
}

/**
 * Measures the first text node of `element`: its first word, all of it, and the box that
 * clips it (the nearest element with `overflow` other than visible), with that box's
 * text-overflow.
 */
export function measureClippedLine(element: Locator): Promise<ClippedLine> {
  return element.evaluate((node) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT)
    const text = walker.nextNode()
    if (!text?.textContent) throw new Error('no text inside the element')
    const content = text.textContent
    // The word starts at the first letter (invisible marks and isolates come before it).
    const wordStart = Math.max(0, content.search(/\p{L}/u))
    const space = content.slice(wordStart).search(/\s/)
    const wordEnd = space === -1 ? content.length : wordStart + space
    const box = (range: Range) => {
      const rect = range.getBoundingClientRect()
      return {left: rect.left, right: rect.right}
    }
    const word = document.createRange()
    word.setStart(text, wordStart)
    word.setEnd(text, wordEnd)
    const all = document.createRange()
    all.selectNodeContents(text)
    let clip: Element | null = text.parentElement
    while (clip && getComputedStyle(clip).overflowX === 'visible') clip = clip.parentElement
    if (!clip) throw new Error('nothing clips the text')
    const rect = clip.getBoundingClientRect()
    const style = getComputedStyle(clip)
    return {
      firstWord: box(word),
      text: box(all),
      clip: {left: rect.left, right: rect.right},
      textOverflow: style.textOverflow,
    }
  })
}

/** The screen box of an element. */
export async function boxOf(element: Locator): Promise<Box> {
  const rect = await element.evaluate((node) => node.getBoundingClientRect().toJSON())
  return {left: rect.left, right: rect.right}
}
