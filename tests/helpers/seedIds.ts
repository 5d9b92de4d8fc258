/**
 * Ids as seed/articles/README.md documents them, computed here from that text (not with the seed's
 * own functions), so a test fails when the seed and its documentation part ways.
 */
import {createHash} from 'node:crypto'

/** `source-<sha256, 16 hex>` of what identifies a source (its URL, or "title|publisher id" without one). */
export function sourceId(identity: string): string {
  return `source-${createHash('sha256').update(identity, 'utf8').digest('hex').slice(0, 16)}`
}
