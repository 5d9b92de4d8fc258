/** `$name=<JSON>` parameters of a URL: one parser, one message, for queries and listeners. */
import {LakeError} from './errors.ts'
import {checkJsonDepth} from './jsonDepth.ts'

/**
 * The GROQ parameters in `search` (`$slug="x"` -> `{slug: 'x'}`); other keys are ignored.
 * @throws LakeError 400 when a value is not JSON or nests too deep.
 */
export function urlParams(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch {
      throw new LakeError(400, `The value of parameter "${key}" is not valid JSON: ${value}`)
    }
    checkJsonDepth(params[key.slice(1)], `Parameter "${key}"`)
  }
  return params
}
