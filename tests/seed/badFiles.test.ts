import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, test} from 'vitest'
import {MAX_ARTICLE_BYTES} from '../../seed/parse/decodeArticleBytes.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'
import {SeedError} from '../../seed/parse/seedError.ts'

const BAD = join(import.meta.dirname, 'fixtures', 'bad')

/** Every file of fixtures/bad with the exact error it must give. `strict` rows run with --strict. */
const TABLE: Array<{file: string; line: number; column: number; message: string; strict?: boolean}> = [
  {file: '001-empty-file.txt', line: 1, column: 0, message: '001-empty-file.txt:1: the file is empty; write the title on the first line, then sections such as "Topline", then "Source: https://www.forbes.com/sites/…" (in Arabic "المصدر: https://…")'},
  {file: '002-whitespace-only.txt', line: 1, column: 0, message: '002-whitespace-only.txt:1: the file is empty; write the title on the first line, then sections such as "Topline", then "Source: https://www.forbes.com/sites/…" (in Arabic "المصدر: https://…")'},
  {file: '003-title-only.txt', line: 1, column: 0, message: '003-title-only.txt:1: the file has only a title; add sections such as "Topline" and end with "Source: https://www.forbes.com/sites/…" (in Arabic "المصدر: https://…")'},
  {file: '004-no-recognised-section.txt', line: 3, column: 0, message: '004-no-recognised-section.txt:3: no known section heading found; put headings such as "Topline", "Key Facts" or "السطر العلوي" on lines of their own'},
  {file: '005-big-number-without-number.txt', line: 7, column: 0, message: '005-big-number-without-number.txt:7: the "Big Number" section must start with a number, e.g. "3."'},
  {file: '006-big-number-without-explanation.txt', line: 9, column: 0, message: '006-big-number-without-explanation.txt:9: the big number "$1.2 billion" needs its explanation after it, e.g. "$1.2 billion. That\'s …"'},
  {file: '007-missing-source-line.txt', line: 9, column: 0, message: '007-missing-source-line.txt:9: the article must end with the source line, e.g. "Source: https://www.forbes.com/sites/…" (in Arabic "المصدر: https://…")'},
  {file: '008-source-line-without-url.txt', line: 7, column: 8, message: '008-source-line-without-url.txt:7: the source line has no URL; write the address of the original article, e.g. "Source: https://www.forbes.com/sites/…"'},
  {file: '009-source-line-url-without-scheme.txt', line: 7, column: 9, message: '009-source-line-url-without-scheme.txt:7: "www.forbes.com/sites/janedoe/2022/08/18/congress-passes-drought-relief-package/" is not a web address; write the full URL of the original article, starting with https://'},
  {file: '010-source-line-ftp-url.txt', line: 7, column: 9, message: '010-source-line-ftp-url.txt:7: "ftp://forbes.com/article.txt" is not a web address; write the full URL of the original article, starting with https://'},
  {file: '011-source-line-not-last.txt', line: 7, column: 0, message: '011-source-line-not-last.txt:7: the source line must be the last line of the file; move it to the end'},
  {file: '012-text-before-first-heading.txt', line: 3, column: 0, message: '012-text-before-first-heading.txt:3: this text comes before the first section heading; put a heading such as "Topline" above it'},
  {file: '013-first-line-is-heading.txt', line: 1, column: 0, message: '013-first-line-is-heading.txt:1: the first line is the heading "Topline"; the article must start with its title'},
  {file: '014-two-line-title.txt', line: 2, column: 0, message: '014-two-line-title.txt:2: the title must be a single line; put a blank line after it'},
  {file: '015-empty-section-before-heading.txt', line: 7, column: 0, message: '015-empty-section-before-heading.txt:7: the "Key Facts" section is empty; write its text below the heading, or remove the heading'},
  {file: '016-empty-section-at-end.txt', line: 7, column: 0, message: '016-empty-section-at-end.txt:7: the "Further Reading" section is empty; write its text below the heading, or remove the heading'},
  {file: '017-invalid-utf8-latin1.txt', line: 5, column: 8, message: '017-invalid-utf8-latin1.txt:5: the file is not valid UTF-8 (byte 56 is 0xe9); save it as UTF-8 text'},
  {file: '018-binary-png.txt', line: 3, column: 1, message: '018-binary-png.txt:3: the file is binary (it contains NUL bytes), not text; save the article as plain UTF-8 text'},
  {file: '019-replacement-character.txt', line: 5, column: 55, message: '019-replacement-character.txt:5: the text contains "�" (U+FFFD), the mark of a broken encoding conversion; export the article again as UTF-8 from its original'},
  {file: '020-control-character.txt', line: 5, column: 27, message: '020-control-character.txt:5: the text contains the control character U+0007; delete it'},
  {file: '021-front-matter-unclosed.txt', line: 1, column: 0, message: '021-front-matter-unclosed.txt:1: the front matter that starts here has no closing "---" line; add one before the title'},
  {file: '022-front-matter-unknown-key.txt', line: 2, column: 0, message: '022-front-matter-unknown-key.txt:2: front matter line "author: Jane Doe" is not understood; use "language: ar", "from: en", "slug: my-slug" or "translation: machine|human|postEdited|unknown|none"'},
  {file: '023-further-reading-malformed-url.txt', line: 9, column: 36, message: '023-further-reading-malformed-url.txt:9: "https://www.forbes.com:99999/lake-mead/" is not a web address; write the full URL, starting with https://'},
  {file: '024-further-reading-url-without-title.txt', line: 9, column: 0, message: '024-further-reading-url-without-title.txt:9: this "Further Reading" line has no title; write it as "Title (Publisher)"'},
  {file: '025-unknown-heading-strict.txt', strict: true, line: 7, column: 0, message: '025-unknown-heading-strict.txt:7: "Timeline" looks like a heading but is not a Forbes one; it was kept as a "custom" section. Use a known heading such as "Key Background", or end the line with a period if it is a paragraph'},
  {file: '026-translation-without-source-language.txt', line: 0, column: 0, message: '026-translation-without-source-language.txt: document article-ar-egypt-inflation breaks the content model: a translation needs its method and "fromLanguage"; say "from: en" in the front matter'},
  {file: '027-title-and-source-only.txt', line: 1, column: 0, message: '027-title-and-source-only.txt:1: no known section heading found; put headings such as "Topline", "Key Facts" or "السطر العلوي" on lines of their own'},
  {file: '028-only-unknown-headings.txt', line: 3, column: 0, message: '028-only-unknown-headings.txt:3: no known section heading found; put headings such as "Topline", "Key Facts" or "السطر العلوي" on lines of their own'},
  {file: '029-misspelled-source-label.txt', line: 7, column: 0, message: '029-misspelled-source-label.txt:7: the article must end with the source line, e.g. "Source: https://www.forbes.com/sites/…" (in Arabic "المصدر: https://…")'},
  {file: '030-big-number-as-bullet.txt', line: 7, column: 0, message: '030-big-number-as-bullet.txt:7: the "Big Number" section must start with a number, e.g. "3."'},
  {file: '031-arabic-big-number-without-number.txt', line: 7, column: 0, message: '031-arabic-big-number-without-number.txt:7: the "Big Number" section ("رقم ضخم") must start with a number, e.g. "3."'},
  {file: '032-utf16-export.txt', line: 1, column: 1, message: '032-utf16-export.txt:1: the file is UTF-16 text; save it as UTF-8'},
  {file: '033-truncated-utf8-sequence.txt', line: 7, column: 5, message: '033-truncated-utf8-sequence.txt:7: the file is not valid UTF-8 (byte 113 is 0xd8); save it as UTF-8 text'},
  {file: '034-front-matter-duplicate-key.txt', line: 3, column: 0, message: '034-front-matter-duplicate-key.txt:3: "language" is given twice in the front matter (also on line 2); keep one of the two lines'},
  {file: '035-big-number-too-many-digits.txt', line: 9, column: 0, message: '035-big-number-too-many-digits.txt:9: the big number "999999999999…" has too many digits to be stored as a number; write it with a scale word, e.g. "1.2 billion"'},
  {file: '036-further-reading-url-with-space.txt', line: 9, column: 36, message: '036-further-reading-url-with-space.txt:9: the web address "https://www.for bes.com/lake-mead/" has a space in it; remove the space'},
  {file: '037-c1-control-character.txt', line: 5, column: 55, message: '037-c1-control-character.txt:5: the text contains the control character U+0092; delete it'},
  {file: '038-source-line-url-with-space.txt', line: 7, column: 9, message: '038-source-line-url-with-space.txt:7: "https://www.forbes.com/sites/janedoe/2022/08/18/congress-passes drought-relief-package/" is not a web address; write the full URL of the original article, starting with https://'},
  {file: '039-utf16-without-bom.txt', line: 1, column: 1, message: '039-utf16-without-bom.txt:1: the file is UTF-16 text; save it as UTF-8'},
  {file: '040-source-line-url-with-password.txt', line: 7, column: 9, message: '040-source-line-url-with-password.txt:7: "https://editor:secret@www.forbes.com/sites/janedoe/2022/08/18/congress-passes-drought-relief-package/" is not a web address; write the full URL of the original article, starting with https://'},
  {file: '041-big-number-past-double-precision.txt', line: 9, column: 0, message: '041-big-number-past-double-precision.txt:9: the big number "12345678901234567891" has too many digits to be stored as a number; write it with a scale word, e.g. "1.2 billion"'},
  {file: '042-big-number-range.txt', line: 9, column: 0, message: '042-big-number-range.txt:9: the big number "3-4" is a range; a big number is one number: write one (e.g. the larger, "4."), and the range in its explanation'},
  {file: '043-big-number-fraction.txt', line: 9, column: 0, message: '043-big-number-fraction.txt:9: the big number "1/3" is a fraction; write it as "1 in 3." or as a percent, e.g. "33%."'},
  {file: '044-unicode-line-separator.txt', line: 5, column: 35, message: '044-unicode-line-separator.txt:5: the text contains a Unicode line separator (U+2028); replace it with an ordinary line break'},
  {file: '045-windows-1256-arabic.txt', line: 1, column: 1, message: '045-windows-1256-arabic.txt:1: the file is not valid UTF-8 (byte 0 is 0xdf); it reads as Arabic in the Windows-1256 encoding: open it as Windows-1256 (Arabic) and save it as UTF-8 text'},
  {file: '046-further-reading-publisher-alone.txt', line: 10, column: 0, message: '046-further-reading-publisher-alone.txt:10: this "Further Reading" line is only a publisher, "(Reuters)"; put it at the end of its title\'s line: "Title (Reuters)"'},
  {file: '047-front-matter-only.txt', line: 1, column: 0, message: '047-front-matter-only.txt:1: the file has only its front matter; after its closing "---", write the title, then sections such as "Topline", then "Source: https://www.forbes.com/sites/…" (in Arabic "المصدر: https://…")'},
]

function parseError(bytes: Uint8Array, file: string, strict = false): SeedError {
  try {
    parseArticleFile(bytes, file, {strict})
  } catch (error) {
    if (error instanceof SeedError) return error
    throw error
  }
  throw new Error(`${file} parsed without an error`)
}

describe('bad article files', () => {
  test('the table covers every file of the corpus, and the corpus has 25+ files', () => {
    const files = readdirSync(BAD).sort()
    expect(TABLE.map((row) => row.file)).toEqual(files)
    expect(files.length).toBeGreaterThanOrEqual(25)
  })

  test.each(TABLE)('$file', ({file, line, column, message, strict}) => {
    const error = parseError(readFileSync(join(BAD, file)), file, strict)
    expect(error.message).toBe(message)
    expect({file: error.file, line: error.line, column: error.column}).toEqual({file, line, column})
  })

  test('a file too large to be an article', () => {
    const bytes = new TextEncoder().encode(`Title\n\n${'word '.repeat(MAX_ARTICLE_BYTES / 5)}`)
    expect(parseError(bytes, 'huge.txt').message).toBe(
      `huge.txt: the file is ${bytes.length} bytes, more than the 262144 bytes an article can be; check that it is the article text and not another file`,
    )
  })

  test('the unknown heading of the strict row is only a warning without --strict', () => {
    const {warnings, documents} = parseArticleFile(readFileSync(join(BAD, '025-unknown-heading-strict.txt')), 'x.txt')
    expect(warnings.map((w) => w.message)).toEqual([
      'x.txt:7: "Timeline" looks like a heading but is not a Forbes one; it was kept as a "custom" section. Use a known heading such as "Key Background", or end the line with a period if it is a paragraph',
    ])
    expect(documents.article.sections.map((s) => [s.kind, s.heading])).toEqual([
      ['topline', 'Topline'],
      ['custom', 'Timeline'],
    ])
  })
})
