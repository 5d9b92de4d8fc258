import type {ArticleModel, SectionModel} from './articleModel.ts'
import {detectLanguage, otherLatinLanguage} from './detectLanguage.ts'
import {matchHeading, withoutMarkdownMarks} from './headings.ts'
import {LONG_SCALE_LANGUAGES, MAX_SIGNIFICANT_DIGITS, parseBigNumber, periodThousandsProblem, significantDigits, unreadNumberProblem} from './parseBigNumber.ts'
import {parseFrontMatter} from './parseFrontMatter.ts'
import {isSourceLine, isSourceLineInText, printedSourceLine, readSourceLine} from './readSourceLine.ts'
import {readSections} from './readSections.ts'
import {HEADLINE_WARNING_LENGTH, primaryLanguage, writesDecimalComma} from '../../schemas/contentRules.ts'
import {SeedError, seedWarning, type SeedWarning} from './seedError.ts'
import {splitBlocks, toLines, type Block} from './splitLines.ts'

const EXAMPLE_SOURCE = '"Source: https://www.forbes.com/sites/…" (in Arabic "المصدر: https://…")'

/**
 * Machine translation sometimes drops the blank line after a heading or before the source line:
 * give known headings and a closing source line blocks of their own.
 */
function separateHeadings(blocks: Block[]): Block[] {
  const result: Block[] = []
  for (const block of blocks) {
    let current: Block = []
    for (const line of block) {
      if (block.length > 1 && (matchHeading(line.text) || isSourceLineInText(line.text))) {
        if (current.length > 0) result.push(current)
        result.push([line])
        current = []
      } else {
        current.push(line)
      }
    }
    if (current.length > 0) result.push(current)
  }
  return result
}

/** Checks section contents and takes the number off the start of each "Big Number" section. */
function finishSections(sections: SectionModel[], file: string, warnings: SeedWarning[], language: string): void {
  const decimalComma = writesDecimalComma(language)
  const longScale = LONG_SCALE_LANGUAGES.has(primaryLanguage(language))
  for (const [index, section] of sections.entries()) {
    if (section.paragraphs.length === 0) {
      // Its first line may have been taken for a heading of its own: a short line with no period.
      const next = sections[index + 1]
      if (next?.kind === 'custom') {
        throw new SeedError(file, section.line,
          `the "${section.heading}" section is empty: its next line, "${next.heading}", was taken for a heading, as a short line without a period at its end is; ` +
            `end that line with a period, or make it a list item ("• ${next.heading}")`)
      }
      throw new SeedError(file, section.line, `the "${section.heading}" section is empty; write its text below the heading, or remove the heading`)
    }
    if (section.kind !== 'bigNumber') continue
    const [first, ...rest] = section.paragraphs
    const parsed = first && !first.listItem ? parseBigNumber(first.text, {decimalComma, longScale}) : null
    if (!first || !parsed) {
      const problem = first && !first.listItem ? unreadNumberProblem(first.text) : null
      if (problem) throw new SeedError(file, first?.line ?? section.line, `the big number ${problem}`)
      const printed = section.heading === 'Big Number' ? '' : ` ("${section.heading}")`
      throw new SeedError(file, section.line, `the "Big Number" section${printed} must start with a number, e.g. "3."`)
    }
    const {bigNumber, separator} = parsed
    if (!Number.isFinite(bigNumber.value) || significantDigits(parsed.digits) > MAX_SIGNIFICANT_DIGITS) {
      const printed = bigNumber.display.length > 24 ? `${bigNumber.display.slice(0, 12)}…` : bigNumber.display
      throw new SeedError(file, first.line, `the big number "${printed}" has too many digits to be stored as a number; write it with a scale word, e.g. "1.2 billion"`)
    }
    const ambiguous = decimalComma ? null : periodThousandsProblem(parsed)
    if (ambiguous) throw new SeedError(file, first.line, `the big number ${ambiguous}`)
    let written = first.text
    if (bigNumber.caption === '') {
      const next = rest.shift()
      if (!next) {
        throw new SeedError(file, first.line, `the big number "${bigNumber.display}" needs its explanation after it, e.g. "${bigNumber.display}. That's …"`)
      }
      bigNumber.caption = next.text
      written = `${first.text}\n\n${next.text}`
    }
    // Also for a number alone on its line ("9.1%"), its explanation below: the period comes in either way.
    if (separator !== '.') {
      warnings.push(
        seedWarning(
          file,
          first.line,
          `write the big number as "${bigNumber.display}. <explanation>": the number and its explanation are stored apart and printed with a period between them`,
        ),
      )
    } else if (`${bigNumber.display}. ${bigNumber.caption}` !== written) {
      // "3." on a line or paragraph of its own, or two spaces after it: printed back as "3. <explanation>".
      warnings.push(
        seedWarning(
          file,
          first.line,
          `write the big number and its explanation as one paragraph, "${bigNumber.display}. <explanation>" with one space after the period: they are stored apart and printed that way`,
        ),
      )
    }
    section.bigNumber = bigNumber
    section.paragraphs = rest
  }
}

/**
 * Reads an article in the Forbes explainer format: title line, sections (heading line, then
 * blank-line separated paragraphs), and a closing source line. Pure: text in, model out.
 * @throws SeedError naming the line and what to do, for the first problem found.
 */
export function parseArticle(text: string, file: string): {article: ArticleModel; warnings: SeedWarning[]} {
  const warnings: SeedWarning[] = []
  const lines = toLines(text)
  const {frontMatter, rest} = parseFrontMatter(lines, file)
  const blocks = separateHeadings(splitBlocks(rest))
  const [titleBlock, ...body] = blocks
  const written = titleBlock?.[0]
  const title = written && {...written, text: withoutMarkdownMarks(written.text)}
  if (!titleBlock || !title) {
    if (rest.length < lines.length && lines.some((line) => line.text !== '')) {
      throw new SeedError(file, 1, `the file has only its front matter; after its closing "---", write the title, then sections such as "Topline", then ${EXAMPLE_SOURCE}`)
    }
    throw new SeedError(file, 1, `the file is empty; write the title on the first line, then sections such as "Topline", then ${EXAMPLE_SOURCE}`)
  }
  if (matchHeading(title.text)) {
    throw new SeedError(file, title.line, `the first line is the heading "${title.text}"; the article must start with its title`)
  }
  const second = titleBlock[1]
  if (second) {
    throw new SeedError(file, second.line, 'the title must be a single line; put a blank line after it')
  }
  if (body.length === 0) {
    throw new SeedError(file, title.line, `the file has only a title; add sections such as "Topline" and end with ${EXAMPLE_SOURCE}`)
  }
  if (title.text.length > HEADLINE_WARNING_LENGTH) {
    warnings.push(seedWarning(file, title.line,
      `the title has ${title.text.length} characters; headlines over ${HEADLINE_WARNING_LENGTH} are cut off in lists and search results (the Studio warns too): check that the first line is the headline`))
  }
  const last = body.at(-1)
  const sourceLine = last?.length === 1 && last[0] && isSourceLine(last[0].text) ? last[0] : undefined
  if (sourceLine) body.pop()
  const misplaced = body.flat().find((line) => isSourceLineInText(line.text))
  if (misplaced) {
    throw new SeedError(file, misplaced.line, 'the source line must be the last line of the file; move it to the end')
  }
  if (!body.some((block) => block.length === 1 && matchHeading(block[0]?.text ?? ''))) {
    const line = body[0]?.[0]?.line ?? title.line
    throw new SeedError(file, line, 'no known section heading found; put headings such as "Topline", "Key Facts" or "السطر العلوي" on lines of their own')
  }
  const sections = readSections(body, file, warnings)
  // Further Reading lines name other pages (often English ones, with their addresses): the article's
  // language is that of its own text. Known before the big numbers are read: some languages write a decimal comma.
  const ownText = sections.filter((s) => s.kind !== 'furtherReading').flatMap((s) => s.paragraphs.map((p) => p.text))
  const script = frontMatter.language ?? detectLanguage([title.text, ...ownText])
  // The script alone takes any Latin text for English: one that reads as another language by its
  // function words is stored in that language (an English original, article-en-…, it is not).
  const other = !frontMatter.language && script === 'en' ? otherLatinLanguage([title.text, ...ownText]) : undefined
  const language = other?.code ?? script
  if (other) {
    warnings.push(
      seedWarning(file, title.line,
        `the text reads as ${other.name}, so the article is stored as "${other.code}" (a translation from English); ` +
          `if that is not its language, put a front matter above the title: a line "---", then "language: <code>", then "---"`),
    )
  }
  finishSections(sections, file, warnings, language)
  const markedSection = sections.find((section) => section.writtenHeading !== undefined)
  const marked = title.text !== written?.text ? written : markedSection && {line: markedSection.line, text: markedSection.writtenHeading ?? ''}
  if (marked) {
    warnings.push(seedWarning(file, marked.line,
      `the title and headings are printed back without Markdown marks ("${marked.text}" as "${withoutMarkdownMarks(marked.text)}"): write them that way to keep the text as it is`))
  }
  if (!sourceLine) {
    const end = body.at(-1)?.at(-1)?.line ?? title.line
    throw new SeedError(file, end, `the article must end with the source line, e.g. ${EXAMPLE_SOURCE}`)
  }
  const source = readSourceLine(sourceLine, file)
  if (source.impossibleDate) {
    warnings.push(
      seedWarning(
        file,
        sourceLine.line,
        `the date in the source URL (${source.impossibleDate}) is not a real date, so the article gets no publication date; check the URL, or set the date in the Studio after the import`,
      ),
    )
  }
  const printed = printedSourceLine(language, source.url)
  if (sourceLine.text !== printed) {
    // Another label ("Sources:", "المصدر الأصلي:"), a space before the colon, marks around the URL.
    warnings.push(seedWarning(file, sourceLine.line, `the source line is printed back as "${printed}": write it that way to keep the text as it is`))
  }
  return {article: {file, title: title.text, language, frontMatter, sections, source}, warnings}
}
