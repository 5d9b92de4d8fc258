/**
 * countParses(): how many documents of at least some size a request read, counted as the JSON
 * parses of texts that long while it runs (the lake runs in the test's process), whatever the
 * machine's speed.
 */
import {vi} from 'vitest'

/** Runs `work` counting the `JSON.parse` calls on texts of `bytes` characters or more. */
export async function countParses(bytes: number, work: () => Promise<unknown>): Promise<number> {
  const parse = JSON.parse
  let count = 0
  const spy = vi.spyOn(JSON, 'parse').mockImplementation((...args: Parameters<typeof JSON.parse>) => {
    if (typeof args[0] === 'string' && args[0].length >= bytes) count++
    return parse(...args)
  })
  try {
    await work()
  } finally {
    spy.mockRestore()
  }
  return count
}
