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

/**
 * A port from an option or a variable (`source` names it: `--port`, `LAKE_PORT`): digits only, 0
 * to 65535. Anything else (`abc`, an empty value, `-1`, `1e3`) prints what was wrong and the usage
 * and exits 2: `Number()` would read `''` as 0 (a random port) and `abc` as NaN.
 */
export function portNumber(value: string, source: string, usage: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN
  if (port >= 0 && port <= 65535) return port
  console.error(`${source} must be a port number from 0 to 65535, got "${value}"\n${usage}`)
  process.exit(2)
}

/** The lake's port when neither an option nor LAKE_PORT gives one. */
export const DEFAULT_LAKE_PORT = 3900

/**
 * The port a lake is to listen on: `option` (the value of the option named `optionName`) when
 * given, else LAKE_PORT, else DEFAULT_LAKE_PORT; a given one is checked by `portNumber`.
 */
export function lakePort(option: string | undefined, optionName: string, env: Record<string, string | undefined>, usage: string): number {
  if (option !== undefined) return portNumber(option, optionName, usage)
  if (env.LAKE_PORT !== undefined) return portNumber(env.LAKE_PORT, 'LAKE_PORT', usage)
  return DEFAULT_LAKE_PORT
}
