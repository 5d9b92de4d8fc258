import type {ReadingItem} from './articleModel.ts'
import {AROUND_URL, isUrlEndPunctuation, parseHttpUrl} from './parseSourceUrl.ts'
import {SeedError} from './seedError.ts'
import {trimEndWhere, trimWhere, type Line} from './splitLines.ts'

// Direction marks (\p{Cf}) and quotation marks end a URL: copied from a right-to-left page, a mark
// after it is not part of it. Parentheses belong to it in pairs (`…/wiki/Korea_(disambiguation)`).
const URL_IN_TEXT = /https?:\/\/(?:[^\s<>"«»“”()（）\p{Cf}]|\([^\s<>"«»“”()（）\p{Cf}]*\))+/iu
/** What follows a URL when a space split it: a word with a slash, or a domain ("bes.com"). */
const SPLIT_URL_REST = /^[^\S\n]+(?:[^\s()（）]*\/[^\s()（）]*|[\p{L}\p{N}-]+\.[a-z]{2,}(?![\p{L}\p{N}]))/iu
const TITLE_AND_PUBLISHER = /^(.*?\S)\s*[(（]([^()（）]+)[)）]$/
/** What separates a reading line's title from its URL and publisher. */
const SEPARATOR = /^[\s\p{Cf}\-–—:|,،]$/u
const isSeparator = (char: string): boolean => SEPARATOR.test(char)

/**
 * Reads one "Further Reading" line: `Title (Publisher)`, with an optional URL anywhere in it.
 * @throws SeedError when the URL is malformed or the line has no title.
 */
export function parseReadingItem({text, line}: Line, file: string, listItem?: 'bullet'): ReadingItem {
  const found = URL_IN_TEXT.exec(text)
  let url: string | undefined
  let rest = text
  if (found) {
    const split = SPLIT_URL_REST.exec(text.slice(found.index + found[0].length))
    if (split) {
      throw new SeedError(file, line, `the web address "${found[0]}${split[0]}" has a space in it; remove the space`, found.index + 1)
    }
    const href = trimEndWhere(found[0], isUrlEndPunctuation)
    const parsed = parseHttpUrl(href)
    if (!parsed) {
      throw new SeedError(file, line, `"${href}" is not a web address; write the full URL, starting with https://`, found.index + 1)
    }
    // As written, as the source line's URL is (see parseSourceUrl).
    url = href
    // The address leaves the title with the punctuation after it, and with the quotation marks or
    // brackets around it: `Title «https://…» (Publisher)` is titled "Title", not "Title « »".
    let before = text.slice(0, found.index).trimEnd()
    let after = text.slice(found.index + found[0].length).trimStart()
    const pair = AROUND_URL.find(([open, close]) => before.endsWith(open) && after.startsWith(close))
    if (pair) {
      before = before.slice(0, -pair[0].length)
      after = after.slice(pair[1].length)
    }
    rest = `${before} ${after}`
  }
  rest = trimWhere(rest, isSeparator).replace(/\s+/g, ' ')
  const match = TITLE_AND_PUBLISHER.exec(rest)
  const title = trimWhere(match?.[1] ?? rest, isSeparator)
  if (title === '') {
    throw new SeedError(file, line, 'this "Further Reading" line has no title; write it as "Title (Publisher)"')
  }
  if (!match && /^[(（][^()（）]+[)）]$/.test(title)) {
    // A publisher that wrapped onto a line of its own would become a source titled "(Reuters)".
    throw new SeedError(file, line, `this "Further Reading" line is only a publisher, "${title}"; put it at the end of its title's line: "Title ${title}"`)
  }
  const item: ReadingItem = {line, text, title}
  if (listItem) item.listItem = listItem
  const publisherName = match?.[2]?.trim()
  if (publisherName) item.publisherName = publisherName
  if (url) item.url = url
  return item
}
