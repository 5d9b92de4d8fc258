/**
 * The embedded lake (issue 13, item 1): with no lake running, a CLI's client calls the lake's
 * handler in its own process: no port, no lake.json, the client's own results and errors.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {ClientError} from '@sanity/client'
import {afterEach, describe, expect, it} from 'vitest'

import {getText} from '../../scripts/lib/history/fetchHistory.ts'
import {resolveTarget, type Target} from '../../scripts/lib/target.ts'

const dirs: string[] = []
const targets: Target[] = []

afterEach(async () => {
  for (const target of targets.splice(0)) await target.close()
  for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true})
})

async function embedded(): Promise<{dir: string; target: Target}> {
  const dir = mkdtempSync(join(tmpdir(), 'target-embedded-'))
  dirs.push(dir)
  const target = await resolveTarget({LAKE_DIR: dir, LAKE_TOKEN: 'embedded-token'}, {createDataset: true})
  targets.push(target)
  return {dir, target}
}

describe('an embedded lake', () => {
  it('is called in process: the client writes, reads and fails as usual, and no lake.json says where a port is', async () => {
    const {dir, target} = await embedded()
    expect(target.kind).toBe('embedded')
    expect(target.description).toBe(`embedded lake in ${dir} dataset production`)
    await target.client.create({_id: 'person-ada', _type: 'person', name: 'Ada'})
    expect(await target.client.fetch('*[_type == "person"]{_id, name}')).toEqual([{_id: 'person-ada', name: 'Ada'}])
    expect(existsSync(join(dir, 'lake.json'))).toBe(false)
    expect(await getText(target.client, '/data/export/production')).toMatch(/^\{"_id":"person-ada",.*"name":"Ada"/)
    const again = target.client.create({_id: 'person-ada', _type: 'person', name: 'Ada'})
    await expect(again).rejects.toBeInstanceOf(ClientError)
    await expect(again).rejects.toMatchObject({statusCode: 409})
  })
})
