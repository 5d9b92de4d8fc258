import {SeedError} from './seedError.ts'

/**
 * A Forbes explainer is 3 to 15 KB of text (the seed is 5 KB). 256 KB is about twenty times the
 * longest one: anything bigger is a wrong file (a PDF, a dump, a concatenation), not an article.
 */
export const MAX_ARTICLE_BYTES = 256 * 1024

/** Git and `file(1)` call a file binary when a NUL byte appears in its first 8000 bytes. */
const BINARY_SNIFF_BYTES = 8000

const BOM = '\uFEFF'
/** Native validation first; the byte-by-byte scan only runs to locate an error. */
const UTF8 = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})
const REPLACEMENT = '\uFFFD'
/**
 * C0 controls other than tab, line feed and carriage return, DEL, and the C1 controls (what
 * Windows-1252 quotes and dashes become when read as Latin-1 on the way): never in an article.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/

/** Why a file of `size` bytes is refused (also said before reading one, by the import's file reader). */
export function tooLargeReason(size: number): string {
  return `the file is ${size} bytes, more than the ${MAX_ARTICLE_BYTES} bytes an article can be; check that it is the article text and not another file`
}

/**
 * Decodes the bytes of an article file into text with `\n` line endings and no BOM.
 * @throws SeedError when the file is too large, binary, not UTF-8, or damaged by a bad conversion.
 */
export function decodeArticleBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new SeedError(file, 0, tooLargeReason(bytes.length))
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new SeedError(file, 1, 'the file is UTF-16 text; save it as UTF-8', 1)
  }
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES)
  const nul = sniff.indexOf(0)
  if (nul >= 0 && looksLikeUtf16(sniff)) {
    throw new SeedError(file, 1, 'the file is UTF-16 text; save it as UTF-8', 1)
  }
  if (nul >= 0) {
    const {line, column} = positionOfByte(bytes, nul)
    throw new SeedError(file, line, 'the file is binary (it contains NUL bytes), not text; save the article as plain UTF-8 text', column)
  }
  let text: string
  try {
    text = UTF8.decode(bytes)
  } catch {
    const invalid = Math.max(0, firstInvalidUtf8Byte(bytes))
    const {line, column} = positionOfByte(bytes, invalid)
    throw new SeedError(
      file,
      line,
      `the file is not valid UTF-8 (byte ${invalid} is 0x${(bytes[invalid] ?? 0).toString(16).padStart(2, '0')}); ${legacyEncodingHint(bytes)}save it as UTF-8 text`,
      column,
    )
  }
  if (text.startsWith(BOM)) text = text.slice(1)
  text = text.replace(/\r\n?/g, '\n')
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const lineText = lines[index] ?? ''
    const damaged = lineText.indexOf(REPLACEMENT)
    if (damaged >= 0) {
      throw new SeedError(
        file,
        index + 1,
        'the text contains "\uFFFD" (U+FFFD), the mark of a broken encoding conversion; export the article again as UTF-8 from its original',
        damaged + 1,
      )
    }
    // Word processors write these for a line or paragraph break: the seed, and the split into
    // lines, would read on as if they were not there, gluing a heading to the text before it.
    const separator = /[\u2028\u2029]/.exec(lineText)
    if (separator) {
      const name = separator[0] === '\u2028' ? 'line separator (U+2028)' : 'paragraph separator (U+2029)'
      throw new SeedError(file, index + 1, `the text contains a Unicode ${name}; replace it with an ordinary line break`, separator.index + 1)
    }
    const control = CONTROL.exec(lineText)
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
      throw new SeedError(file, index + 1, `the text contains the control character U+${code}; delete it`, control.index + 1)
    }
  }
  return text
}

/**
 * Where the bytes likely came from, when they read as Arabic in Windows-1256 (what Windows editors
 * in Arabic save by default): most of their letters are Arabic then. Empty when they do not.
 */
function legacyEncodingHint(bytes: Uint8Array): string {
  const sample = WINDOWS_1256.decode(bytes.subarray(0, BINARY_SNIFF_BYTES))
  const letters = sample.match(/\p{L}/gu)?.length ?? 0
  const arabic = sample.match(/\p{Script=Arabic}/gu)?.length ?? 0
  return letters > 0 && arabic / letters > 0.5
    ? 'it reads as Arabic in the Windows-1256 encoding: open it as Windows-1256 (Arabic) and '
    : ''
}

const WINDOWS_1256 = new TextDecoder('windows-1256')

/**
 * UTF-16 saved without its byte order mark: every character of the ASCII range (spaces, line
 * breaks, digits, Latin words) has a NUL byte, always on the same side, odd offsets in little-endian
 * text, even ones in big-endian. Binary files have NULs on both sides.
 */
function looksLikeUtf16(sniff: Uint8Array): boolean {
  let even = 0
  let odd = 0
  for (let index = 0; index + 1 < sniff.length; index++) {
    if (sniff[index] !== 0) continue
    if (index % 2 === 0) even++
    else odd++
  }
  // Spaces alone are one character in six or so: a few stray NULs are not UTF-16.
  return Math.min(even, odd) === 0 && Math.max(even, odd) >= Math.max(4, sniff.length / 32)
}

/** The index of the first byte that breaks UTF-8 (overlongs and surrogates included), or -1. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0
    if (byte < 0x80) {
      index++
      continue
    }
    let need = 0
    let min = 0
    if (byte >= 0xc2 && byte <= 0xdf) [need, min] = [1, 0x80]
    else if (byte >= 0xe0 && byte <= 0xef) [need, min] = [2, 0x800]
    else if (byte >= 0xf0 && byte <= 0xf4) [need, min] = [3, 0x10000]
    else return index
    let code = byte & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const next = bytes[index + k]
      if (next === undefined || (next & 0xc0) !== 0x80) return index
      code = (code << 6) | (next & 0x3f)
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return index
    index += need + 1
  }
  return -1
}

/** Decodes what comes before a bad byte (which may hold other bad bytes) only to count it. */
const LENIENT_UTF8 = new TextDecoder('utf-8')

/**
 * The line and column of the byte at `offset`, the column counted in characters as every other
 * error's (and an editor's) is: Arabic letters take two bytes each.
 */
function positionOfByte(bytes: Uint8Array, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++
      lineStart = index + 1
    }
  }
  return {line, column: LENIENT_UTF8.decode(bytes.subarray(lineStart, offset)).length + 1}
}
