import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, test} from 'vitest'
import {checkArticles, KEEP_MAX_FILES, KEEP_PREPARED_BYTES, keepBytesFor} from '../../seed/import/checkArticles.ts'
import {listArticleFiles} from '../../seed/import/readArticleFiles.ts'
import {MAX_REQUEST_BYTES} from '../../seed/import/buildMutations.ts'
import {BODY_LIMIT_BYTES} from '../../lake/handler.ts'

const SEED = join(import.meta.dirname, '..', '..', 'seed', 'articles', '000_f58be128c4b82355.txt')
const BAD = join(import.meta.dirname, 'fixtures', 'bad')
let dir: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seed-check-'))
})

afterEach(() => {
  rmSync(dir, {recursive: true, force: true})
})

describe('checking every file before anything is written', () => {
  test('all errors of all files are collected, in file order', async () => {
    const files = [SEED, join(BAD, '003-title-only.txt'), join(BAD, '007-missing-source-line.txt')]
    const {errors, warnings} = await checkArticles(files)
    expect(warnings).toEqual([])
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      [files[1], 1],
      [files[2], 9],
    ])
  })

  test('two files making the same article: the second is an error that says how to fix it', async () => {
    const copy = join(dir, 'copy.txt')
    writeFileSync(copy, readFileSync(SEED))
    const {errors} = await checkArticles([SEED, copy])
    expect(errors.map((e) => e.message)).toEqual([
      `${copy}: makes the same article (article-ar-north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows) as ${SEED}; give one of them another slug with a "slug:" front matter line, or remove it`,
    ])
  })

  test('a folder named like an article file is an error that says it is a folder; the other files are checked', async () => {
    mkdirSync(join(dir, 'drafts.txt'))
    writeFileSync(join(dir, 'good.txt'), readFileSync(SEED))
    const {errors} = await checkArticles(await listArticleFiles([dir]))
    expect(errors.map((e) => e.message)).toEqual([
      `${join(dir, 'drafts.txt')}: is a folder, not an article file; move it out of the articles, or rename it so that its name does not end in .txt`,
    ])
  })

  test('a named pipe called like an article is refused at once, not waited on', async () => {
    const pipe = join(dir, 'pipe.txt')
    execFileSync('mkfifo', [pipe])
    const {errors} = await checkArticles([pipe, SEED])
    expect(errors.map((e) => e.message)).toEqual([`${pipe}: is not a regular file (a pipe, socket or device); give the article as a plain text file`])
  })

  test('a file of gigabytes is refused by its size, unread', async () => {
    const huge = join(dir, 'dump.txt')
    writeFileSync(huge, '')
    truncateSync(huge, 3 * 1024 ** 3)
    const {errors} = await checkArticles([huge, SEED])
    expect(errors.map((e) => e.message)).toEqual([
      `${huge}: the file is 3221225472 bytes, more than the 262144 bytes an article can be; check that it is the article text and not another file`,
    ])
  })

  test('small runs keep what the check prepared; longer ones are streamed and keep nothing', async () => {
    expect([keepBytesFor(1), keepBytesFor(KEEP_MAX_FILES), keepBytesFor(KEEP_MAX_FILES + 1)]).toEqual([KEEP_PREPARED_BYTES, KEEP_PREPARED_BYTES, 0])
    const kept = await checkArticles([SEED], {keepBytes: keepBytesFor(1)})
    expect([...kept.prepared.keys()]).toEqual([SEED])
    expect((await checkArticles([SEED])).prepared.size).toBe(0)
  })

  test('folders give their .txt files sorted by name; a missing path is an error', async () => {
    writeFileSync(join(dir, 'b.txt'), '')
    writeFileSync(join(dir, 'a.txt'), '')
    writeFileSync(join(dir, 'README.md'), '')
    expect(await listArticleFiles([dir])).toEqual([join(dir, 'a.txt'), join(dir, 'b.txt')])
    await expect(listArticleFiles([join(dir, 'nope')])).rejects.toThrow(
      `${join(dir, 'nope')}: no such file or folder; give article files or a folder of them, e.g. seed/articles`,
    )
  })

  test('a folder with no article file is an error naming what it holds; .TXT counts as .txt', async () => {
    const empty = join(dir, 'empty')
    mkdirSync(empty)
    await expect(listArticleFiles([empty])).rejects.toThrow(`${empty}: is empty; articles are text files ending in .txt: put them in this folder, or give another one`)
    writeFileSync(join(empty, 'a.md'), '')
    writeFileSync(join(empty, '.DS_Store'), '')
    await expect(listArticleFiles([empty])).rejects.toThrow(`${empty}: holds no article file (1 other: a.md); articles are text files`)
    writeFileSync(join(empty, 'B.TXT'), '')
    expect(await listArticleFiles([empty])).toEqual([join(empty, 'B.TXT')])
  })

  test('a file given twice, or also through its folder, is listed once, where it first came', async () => {
    writeFileSync(join(dir, 'a.txt'), '')
    writeFileSync(join(dir, 'b.txt'), '')
    expect(await listArticleFiles([join(dir, 'b.txt'), dir, join(dir, '.', 'a.txt')])).toEqual([join(dir, 'b.txt'), join(dir, 'a.txt')])
  })

  test('a link that leads back to itself is named as unreadable with its code, not as missing', async () => {
    symlinkSync(join(dir, 'b.txt'), join(dir, 'a.txt'))
    symlinkSync(join(dir, 'a.txt'), join(dir, 'b.txt'))
    await expect(listArticleFiles([join(dir, 'a.txt')])).rejects.toThrow(
      `${join(dir, 'a.txt')}: cannot be read (ELOOP); check that the file or folder exists and is readable`,
    )
  })
})

describe('what the Content Lake would refuse is refused by the check, before anything is written', () => {
  const english = readFileSync(join(import.meta.dirname, 'fixtures', 'good', '001-english-full-vocabulary.txt'), 'utf8')

  test('an id longer than the 128 characters the lake accepts: the article needs a shorter slug', async () => {
    const slug = 'a'.repeat(200)
    const file = join(dir, 'long-slug.txt')
    writeFileSync(file, `---\nslug: ${slug}\n---\n${english}`)
    const {errors} = await checkArticles([SEED, file])
    expect(errors.map((e) => e.message)).toEqual([
      `${file}: document article-en-${slug} breaks the content model: _id "article-en-${slug}" has ${slug.length + 11} characters, more than the 128 the Content Lake accepts; give the article a shorter slug with a "slug:" front matter line`,
    ])
  })

  test('an article whose own transaction is past the lake\'s request limit', async () => {
    const tangents = 'Tangent\n\nx.\n\n'.repeat(18_000)
    const file = join(dir, 'many-sections.txt')
    writeFileSync(file, english.replace('Contra\n', `${tangents}Contra\n`))
    const {errors} = await checkArticles([SEED, file])
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(new RegExp(`^${file}: this article makes a request of \\d+ bytes \\(18013 sections, 6 sources, publishers and people\\), more than the 4000000 bytes the Content Lake accepts in one; split it into shorter articles$`))
  })

  test('the limit is the lake\'s own', () => {
    expect(MAX_REQUEST_BYTES).toBe(BODY_LIMIT_BYTES)
  })

  test('a language with a region, which the content model does not keep, is named on its line', async () => {
    const file = join(dir, 'region.txt')
    writeFileSync(file, `---\nlanguage: ar-EG\n---\n${readFileSync(SEED, 'utf8')}`)
    const {errors} = await checkArticles([file])
    expect(errors.map((e) => e.message)).toEqual([`${file}:2: "ar-EG" names a region too; an article's language is the language alone: write "language: ar"`])
  })
})
