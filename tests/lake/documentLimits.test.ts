/**
 * The per-document limits of sanity.io/docs/content-lake/technical-limits, in its SI units:
 * 32 MB of JSON is 32,000,000 bytes, counted in UTF-8.
 */
import {describe, expect, it} from 'vitest'
import {checkDocumentLimits} from '../../lake/documentLimits.ts'

/** A document whose JSON is exactly `bytes` long, its text in two-byte Arabic letters where it can be. */
function documentOf(bytes: number): {_id: string; _type: string; text: string} {
  const shell = JSON.stringify({_id: 'big', _type: 'article', text: ''}).length
  const room = bytes - shell
  return {_id: 'big', _type: 'article', text: 'ع'.repeat(Math.floor(room / 2)) + 'a'.repeat(room % 2)}
}

describe('a document', () => {
  it('may hold 32,000,000 bytes of JSON, not one more', () => {
    expect(() => checkDocumentLimits('big', documentOf(32_000_000))).not.toThrow()
    expect(() => checkDocumentLimits('big', documentOf(32_000_001))).toThrow('Document "big" is 32000001 bytes; the limit is 32000000 bytes')
  })
})
