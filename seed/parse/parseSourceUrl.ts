import {publisherByUrl, type KnownPublisher} from './publishers.ts'
import {trimEndWhere} from './splitLines.ts'

/** What a source URL tells about the article it points to. */
export interface SourceUrlInfo {
  url: string
  publisher: KnownPublisher | null
  /** Forbes contributor slug, e.g. `roberthart`. */
  authorSlug?: string
  /** `YYYY-MM-DD` from the Forbes path. */
  date?: string
  /** The Forbes path's `YYYY/MM/DD` when it is no real date (`2022/02/30`): no `date`, and a warning. */
  impossibleDate?: string
  /** The article's slug in the URL, e.g. `north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows`. */
  slug?: string
}

/**
 * `/sites/<author>/<yyyy>/<mm>/<dd>/<slug>/`, the path of every Forbes contributor article, or of
 * its AMP page (`…/<slug>/amp/`).
 */
const FORBES_PATH = /^\/sites\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/([a-z0-9-]+)(?:\/amp)?\/?$/i

/**
 * A host on the web: a dotted name, an IPv4 or an [IPv6] address. A single-label host is what is left
 * of an address with a space in it ("https://exa mple.com" gives "https://exa").
 */
const WEB_HOST = /^(?:[^.]+\.)+[^.]+\.?$|^\[[0-9a-f:.]+\]$/i

/**
 * A URL path segment with its %-escapes decoded, to make a title or a slug of: as written when an
 * escape is broken (`…/100%`, `%E0%A4%A`), which browsers open as they are.
 */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * Sentence punctuation after an address in text (`…/slug/.`, Urdu `۔`, Arabic `،`): it ends the
 * sentence, not the address, and keeps a Forbes path from being read (author, date, slug).
 */
export const isUrlEndPunctuation = (char: string): boolean => /^[.,;:!?،؛۔。]$/.test(char)

/**
 * The last segment of a URL's path that names the page, decoded: not the `amp` of an AMP
 * page's address (`…/north-korea-denies/amp/`), which would make every such article `amp`.
 */
export function lastPathSegment(url: URL): string {
  const segments = url.pathname.split('/').filter(Boolean)
  const last = segments.at(-1)?.toLowerCase() === 'amp' ? segments.at(-2) : segments.at(-1)
  return decodeSegment(last ?? '')
}

/** Marks that may enclose an address in text: `«https://…»`, `(https://…)`, `<https://…>`. */
export const AROUND_URL = [['«', '»'], ['“', '”'], ['"', '"'], ['(', ')'], ['（', '）'], ['<', '>']] as const

/**
 * The address in what follows a source line's label, as it was meant: without marks around it
 * (`<https://…>`), a publisher after it (`https://… (Forbes)`), or a closing parenthesis it does
 * not open (`…/slug/).`). Sentence punctuation and direction marks at its end are already gone.
 */
export function addressOf(text: string): string {
  let address = withoutPublisherAfter(text)
  const pair = AROUND_URL.find(([open, close]) => address.startsWith(open) && address.endsWith(close) && address.length > 2)
  if (pair) address = address.slice(pair[0].length, -pair[1].length).trim()
  return trimEndWhere(withoutUnopenedCloses(address), isUrlEndPunctuation)
}

const isSpace = (char: string): boolean => /^\s$/u.test(char)

/**
 * `text` without a `(Publisher)` at its end after a space. Found by the last opening parenthesis,
 * not by a regex that would try each space of a long run in turn (a 20,000-space line: seconds).
 */
function withoutPublisherAfter(text: string): string {
  if (!/[)）]$/u.test(text)) return text
  const open = Math.max(text.lastIndexOf('('), text.lastIndexOf('（'))
  if (open <= 0 || !isSpace(text[open - 1] ?? '') || /[()（）]/u.test(text.slice(open + 1, -1))) return text
  return trimEndWhere(text.slice(0, open), isSpace)
}

/** `address` without the closing parentheses at its end that it does not open, counted once. */
function withoutUnopenedCloses(address: string): string {
  let excess = count(address, /[)）]/gu) - count(address, /[(（]/gu)
  let end = address.length
  while (excess > 0 && /[)）]/u.test(address[end - 1] ?? '')) {
    end--
    excess--
  }
  return address.slice(0, end)
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

/** Parses an absolute http(s) URL with a host on the web, or returns null. */
export function parseHttpUrl(text: string): URL | null {
  // A space anywhere: the URL parser would take it into the path as %20, a typo made part of the address.
  if (!/^https?:\/\/[^\s/]+/i.test(text) || /\s/.test(text)) return null
  try {
    const url = new URL(text)
    // A user name or password in the address: the Studio's url field refuses it (allowCredentials is off).
    const credentials = url.username !== '' || url.password !== ''
    return (url.protocol === 'http:' || url.protocol === 'https:') && WEB_HOST.test(url.hostname) && !credentials ? url : null
  } catch {
    return null
  }
}

function isRealDate(year: string, month: string, day: string): boolean {
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(`${year}-${month}-${day}`)
}

/**
 * Reads publisher, and for Forbes author, date and slug, from a source URL. `written` is the URL as
 * the file has it, which is what is stored: the parser's form (`url.href`) percent-encodes Arabic
 * paths and lower-cases hosts, so the editor would see another address than the article's.
 */
export function parseSourceUrl(url: URL, written = url.href): SourceUrlInfo {
  const publisher = publisherByUrl(url)
  const info: SourceUrlInfo = {url: written, publisher}
  if (publisher?.slug !== 'forbes') return info
  const match = FORBES_PATH.exec(url.pathname)
  if (!match) return info
  const [, author = '', year = '', month = '', day = '', slug = ''] = match
  info.authorSlug = author.toLowerCase()
  if (isRealDate(year, month, day)) info.date = `${year}-${month}-${day}`
  else info.impossibleDate = `${year}/${month}/${day}`
  info.slug = slug.toLowerCase()
  return info
}
