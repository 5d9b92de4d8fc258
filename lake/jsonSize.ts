/**
 * Whether a value's JSON text would exceed a size, found without building the text: a query
 * result may share one array a million times (`*[]{"x": *[]}`), so its JSON can be far larger
 * than the memory it holds, and JSON.stringify would grow it past any heap limit first.
 */

/**
 * True when `JSON.stringify(value)` would be longer than `limit` characters (an estimate that
 * never undercounts by much: numbers and `toJSON` values count a fixed width). Stops counting as
 * soon as the limit is passed, so it costs at most a walk over `limit` characters' worth of value.
 */
export function jsonExceeds(value: unknown, limit: number): boolean {
  let size = 0
  const walk = (item: unknown): boolean => {
    if (typeof item === 'string') size += item.length + 2
    else if (typeof item !== 'object' || item === null) size += 6
    else if (Array.isArray(item)) {
      size += 2 + item.length
      for (const element of item) if (walk(element)) return true
    } else if (typeof (item as {toJSON?: unknown}).toJSON === 'function') size += 32
    else {
      size += 2
      // for...in without copying the entries: inherited enumerable keys only make the count larger.
      for (const key in item) {
        size += key.length + 4
        if (walk((item as Record<string, unknown>)[key])) return true
      }
    }
    return size > limit
  }
  return walk(value)
}
