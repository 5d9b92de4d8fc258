import {isTranslationMethod, SLUG_PATTERN, TRANSLATION_METHODS, type TranslationMethod} from '../../schemas/contentRules.ts'
import {SeedError} from './seedError.ts'
import type {Line} from './splitLines.ts'

/** Optional settings at the top of an article file, between two `---` lines. */
export interface FrontMatter {
  /** BCP 47 language of the article; detected from the script when missing. */
  language?: string
  /** `none` says the article is not a translation, whatever the languages. */
  translation?: TranslationMethod | 'none'
  /** Language the article was translated from; `en` for a Forbes source when missing. */
  from?: string
  /** The article slug, when the one derived from the source URL or title is not wanted. */
  slug?: string
}

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/
/** An article's `language`: the content model keeps the language alone, without a region. */
const ARTICLE_LANGUAGE = /^[a-z]{2,3}$/

function isMethod(value: string): value is TranslationMethod | 'none' {
  return value === 'none' || isTranslationMethod(value)
}

/**
 * Reads the front matter when the first line is `---`, and returns it with the lines after it.
 * @throws SeedError on an unclosed block, an unknown key or a bad value.
 */
export function parseFrontMatter(lines: Line[], file: string): {frontMatter: FrontMatter; rest: Line[]} {
  const first = lines.findIndex((line) => line.text !== '')
  if (first < 0 || lines[first]?.text !== '---') return {frontMatter: {}, rest: lines}
  const end = lines.findIndex((line, index) => index > first && line.text === '---')
  const opening = lines[first]?.line ?? 1
  if (end < 0) {
    throw new SeedError(file, opening, 'the front matter that starts here has no closing "---" line; add one before the title')
  }
  const frontMatter: FrontMatter = {}
  /** The line each key was given on: a second one would silently win over the first. */
  const seen = new Map<string, number>()
  for (const {text, line} of lines.slice(first + 1, end)) {
    if (text === '' || text.startsWith('#')) continue
    const match = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(text)
    // Keys in any case (`Language: ar`); a value may be quoted or followed by a `# comment`, as in YAML.
    const key = match?.[1]?.toLowerCase() ?? ''
    const value = unquote(withoutComment(match?.[2] ?? '').trim())
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      throw new SeedError(file, line, `"${key}" is given twice in the front matter (also on line ${earlier}); keep one of the two lines`)
    }
    if (key !== '') seen.set(key, line)
    // Language tags are case-insensitive: `AR` is `ar`.
    if (key === 'language' && ARTICLE_LANGUAGE.test(value.toLowerCase())) frontMatter.language = value.toLowerCase()
    else if (key === 'language' && LANGUAGE.test(value)) {
      throw new SeedError(file, line, `"${value}" names a region too; an article's language is the language alone: write "language: ${value.split('-')[0]}"`)
    }
    else if (key === 'from' && LANGUAGE.test(value)) frontMatter.from = value
    else if (key === 'slug' && SLUG_PATTERN.test(value)) frontMatter.slug = value
    else if (key === 'slug') {
      throw new SeedError(file, line, `the slug "${value}" may hold only lower-case letters a-z, digits and single hyphens, e.g. "slug: ${slugLike(value)}"`)
    }
    else if (key === 'translation' && isMethod(value)) frontMatter.translation = value
    else {
      throw new SeedError(
        file,
        line,
        `front matter line "${text}" is not understood; use "language: ar", "from: en", "slug: my-slug" or "translation: ${[...TRANSLATION_METHODS.map((method) => method.value), 'none'].join('|')}"`,
      )
    }
  }
  return {frontMatter, rest: lines.slice(end + 1)}
}

/**
 * A value without the `# comment` after it: cut at the first `#` that follows a space, found in one
 * pass (a `\s+#` regex tries each space of a long run in turn).
 */
function withoutComment(value: string): string {
  const at = value.search(/\s#/u)
  return at < 0 ? value : value.slice(0, at)
}

/** A value without the quotes around it (`"my-slug"`, `'ar'`). */
function unquote(value: string): string {
  return /^(["'])(.*)\1$/.exec(value)?.[2] ?? value
}

/** A slug close to what was written, for the example in the message. */
function slugLike(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'my-slug'
}
