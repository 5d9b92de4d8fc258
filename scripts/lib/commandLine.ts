import {parseArgs, type ParseArgsConfig} from 'node:util'

/** What `parseArgs` gives for a config. */
export type CommandLine<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>

/**
 * Reads a script's command line the way every script answers: `--help` or `-h` (before any `--`)
 * prints `usage` and exits 0; an unknown or malformed option prints Node's message and the usage
 * and exits 2, instead of an ERR_PARSE_ARGS_* stack trace. Otherwise, `parseArgs(config)`.
 */
export function parseCommandLine<T extends ParseArgsConfig>(usage: string, config: T): CommandLine<T> {
  const args = config.args ?? process.argv.slice(2)
  const end = args.indexOf('--')
  const options = end === -1 ? args : args.slice(0, end)
  if (options.includes('--help') || options.includes('-h')) {
    console.log(usage)
    process.exit(0)
  }
  try {
    return parseArgs(config)
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`)
    process.exit(2)
  }
}
