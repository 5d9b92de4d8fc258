/**
 * A release id names a segment of its versions' ids (`versions.<release>.<document>`). A dot in
 * it made one release's versions another's: with releases `a` and `a.b`, the version the Studio
 * makes of `x` for `a.b` (`versions.a.b.x`) is release `a`'s version of `b.x`, and publishing `a`
 * published it (and removed it from `a.b`). New release ids hold letters, digits, `_` and `-`.
 */
import {describe, expect, it} from 'vitest'

import {tempLocalLake} from '../helpers/tempLocalLake.ts'

const temp = tempLocalLake('lake-release-ids-', 'release-ids-token')
const BASE = 'http://lake.test/v2025-02-19'

async function act(actions: unknown[]): Promise<{status: number; body: Record<string, unknown>}> {
  const response = await temp.lake.handler(
    new Request(`${BASE}/data/actions/production`, {
      method: 'POST',
      headers: {authorization: 'Bearer release-ids-token', 'content-type': 'application/json'},
      body: JSON.stringify({actions}),
    }),
  )
  return {status: response.status, body: (await response.json()) as Record<string, unknown>}
}

describe('release ids', () => {
  it('with a dot are refused, by create and import alike', async () => {
    for (const releaseId of ['a.b', 'a b', 'a/b']) {
      const created = await act([{actionType: 'sanity.action.release.create', releaseId}])
      expect(created.status).toBe(400)
      expect(JSON.stringify(created.body)).toContain('releaseId')
      const imported = await act([{actionType: 'sanity.action.release.import', releaseId, attributes: {}}])
      expect(imported.status).toBe(400)
    }
  })

  it('of letters, digits, _ and - are taken', async () => {
    expect((await act([{actionType: 'sanity.action.release.create', releaseId: 'rAbc_1-2'}])).status).toBe(200)
    expect((await act([{actionType: 'sanity.action.release.import', releaseId: 'rImported', attributes: {metadata: {title: 'T'}}}])).status).toBe(200)
  })
})
