import {closeSync, constants, fstatSync, openSync, readFileSync} from 'node:fs'
import {readdir, stat} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {MAX_ARTICLE_BYTES, tooLargeReason} from '../parse/decodeArticleBytes.ts'
import {SeedError, SeedErrors} from '../parse/seedError.ts'

/** Article files end in `.txt` (or `.TXT`); anything else in a folder (README.md, .DS_Store) is not an article. */
const ARTICLE_EXTENSION = '.txt'

/**
 * Expands files and folders into article file paths: a folder gives its `.txt` files sorted by
 * name (so `000_…` the seed comes first); files are taken as given, in order.
 * @throws SeedError when a path does not exist or cannot be read; SeedErrors when several do
 * (every one is named, so that one run tells what to fix).
 */
export async function listArticleFiles(paths: string[]): Promise<string[]> {
  const files: string[] = []
  const errors: SeedError[] = []
  /** Each file once, in the order first given: a folder and a file in it, or one file given twice. */
  const listed = new Set<string>()
  for (const path of paths) {
    try {
      for (const file of await filesOf(path)) {
        const resolved = resolve(file)
        if (listed.has(resolved)) continue
        listed.add(resolved)
        files.push(file)
      }
    } catch (error) {
      if (!(error instanceof SeedError)) throw error
      errors.push(error)
    }
  }
  const [first] = errors
  if (first) throw errors.length === 1 ? first : new SeedErrors(errors)
  return files
}

/** The article files one path given to the seed stands for. */
async function filesOf(path: string): Promise<string[]> {
  const info = await stat(path).catch((error: unknown) => {
    const code = codeOf(error)
    // ENOENT only: a link that leads back to itself (ELOOP) or a locked parent (EACCES) exists.
    if (code === 'ENOENT') throw new SeedError(path, 0, 'no such file or folder; give article files or a folder of them, e.g. seed/articles')
    throw new SeedError(path, 0, `cannot be read (${code}); check that the file or folder exists and is readable`)
  })
  if (!info.isDirectory()) return [path]
  const all = await readdir(path).catch((error: unknown) => {
    throw new SeedError(path, 0, `the folder cannot be read (${codeOf(error)}); check that it is readable`)
  })
  const articles = all.filter((name) => name.toLowerCase().endsWith(ARTICLE_EXTENSION)).sort()
  if (articles.length === 0) {
    const others = all.filter((name) => !name.startsWith('.'))
    const holds = others.length === 0 ? 'is empty' : `holds no article file (${others.length} other: ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''})`
    throw new SeedError(path, 0, `${holds}; articles are text files ending in .txt: put them in this folder, or give another one`)
  }
  return articles.map((name) => join(path, name))
}

/** A folder named like an article (`x.txt`, or a link to a folder): "exists and is readable" would mislead. */
const FOLDER_REASON = 'is a folder, not an article file; move it out of the articles, or rename it so that its name does not end in .txt'

/**
 * The bytes of an article file. Read synchronously: article files are a few tens of KB, and the
 * promise API's open/stat/read/close round trips cost the import's busy main thread more CPU than
 * the read itself (every file is read twice, by the check and by the import).
 * @throws SeedError when the file cannot be read.
 */
export async function readArticleBytes(file: string): Promise<Uint8Array> {
  let fd: number | undefined
  try {
    // Non-blocking: opening a named pipe (`mkfifo x.txt`) would otherwise wait for a writer forever.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
    // The size is known before reading: a wrong file of gigabytes is refused unread (past 2 GB
    // Node would not read it at all, and say only ERR_FS_FILE_TOO_LARGE).
    const info = fstatSync(fd)
    if (info.isDirectory()) throw new SeedError(file, 0, FOLDER_REASON)
    if (!info.isFile()) {
      throw new SeedError(file, 0, 'is not a regular file (a pipe, socket or device); give the article as a plain text file')
    }
    if (info.size > MAX_ARTICLE_BYTES) throw new SeedError(file, 0, tooLargeReason(info.size))
    return readFileSync(fd)
  } catch (error) {
    if (error instanceof SeedError) throw error
    const code = codeOf(error)
    if (code === 'EISDIR') throw new SeedError(file, 0, FOLDER_REASON)
    throw new SeedError(file, 0, `cannot be read (${code}); check that the file exists and is readable`)
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** The error code of a failed file system call (`ENOENT`, `ELOOP`, …), or the error as text. */
function codeOf(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : String(error)
}
