/**
 * The reader site's Next.js config finds the local lake as the scripts do: a damaged lake.json
 * stops `next build` / `next dev` with the scripts' one line, which names the file and what to do.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {runScript} from '../helpers/runScript.ts'

let dir = ''
afterEach(() => rmSync(dir, {recursive: true, force: true}))

describe("web/next.config.ts with a damaged lake.json", () => {
  it('stops with the file and what to do, no stack trace', async () => {
    dir = mkdtempSync(join(tmpdir(), 'next-config-'))
    const file = join(dir, 'lake.json')
    writeFileSync(file, '{"pid": 1}\n')
    expect(await runScript(['web/next.config.ts'], {LAKE_DIR: dir})).toEqual({
      code: 2,
      stdout: '',
      stderr:
        `web: ${file} is damaged (no "url" string): it should say where the lake serving ${dir} listens. ` +
        `If a lake serves ${dir}, stop it and start it again (npm run lake), which rewrites the file; if none does, delete ${file}\n`,
    })
  })
})
