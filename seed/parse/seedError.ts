/**
 * The one error class of the seed: every problem in an article file, or in importing it, is a
 * `SeedError` that says where (file, line, column) and what to do, in one sentence for the
 * person who wrote the file.
 */
export class SeedError extends Error {
  /** The article file as given on the command line, e.g. `seed/articles/000_x.txt`. */
  readonly file: string
  /** 1-based line number; 0 when the problem is not tied to a line (e.g. a failed transaction). */
  readonly line: number
  /** 1-based column; 0 when the whole line is meant. */
  readonly column: number
  /** The message without the `file:line:` prefix. */
  readonly reason: string

  constructor(file: string, line: number, reason: string, column = 0) {
    super(`${line > 0 ? `${file}:${line}` : file}: ${reason}`)
    this.name = 'SeedError'
    this.file = file
    this.line = line
    this.column = column
    this.reason = reason
  }
}

/** Several SeedErrors found together (paths given to the seed that it cannot read), each to be reported. */
export class SeedErrors extends Error {
  readonly errors: SeedError[]

  constructor(errors: SeedError[]) {
    super(errors.map((error) => error.message).join('\n'))
    this.name = 'SeedErrors'
    this.errors = errors
  }
}

/** Something the parser could read but that deserves a look; `--strict` turns warnings into errors. */
export interface SeedWarning {
  file: string
  line: number
  column: number
  /** `file:line: reason`, ready to print. */
  message: string
}

/** Makes a warning with the same `file:line:` prefix as `SeedError` messages. */
export function seedWarning(file: string, line: number, reason: string, column = 0): SeedWarning {
  return {file, line, column, message: `${line > 0 ? `${file}:${line}` : file}: ${reason}`}
}

/** The warning as an error, for `--strict`. */
export function warningToError(warning: SeedWarning): SeedError {
  const prefix = warning.line > 0 ? `${warning.file}:${warning.line}: ` : `${warning.file}: `
  return new SeedError(warning.file, warning.line, warning.message.slice(prefix.length), warning.column)
}

/**
 * The problem as the seed prints it: `file:line:column: reason` when it has a column (the form
 * editors and terminals jump to), else its message (`file:line: reason`, or `file: reason`).
 */
export function locatedMessage(problem: SeedError | SeedWarning): string {
  const prefix = `${problem.file}:${problem.line}: `
  if (problem.line <= 0 || problem.column <= 0 || !problem.message.startsWith(prefix)) return problem.message
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.message.slice(prefix.length)}`
}
