/**
 * `npm run dev` without the Studio (the Studio has its own tests, and its dev server is heavy): it
 * starts a lake and the site, prefixes their logs, prints the URLs, and Ctrl+C stops both.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {createInterface} from 'node:readline'
import {expect, it} from 'vitest'

import {freePort} from '../../scripts/lib/nextSite.ts'

const ROOT = resolve(import.meta.dirname, '../..')

it('starts the lake and the site with prefixed logs and URLs, and Ctrl+C stops both', async () => {
  const lakeDir = mkdtempSync(join(tmpdir(), 'dev-test-'))
  const sitePort = await freePort()
  const distDir = '.next-test-dev'
  const dev = spawn(resolve(ROOT, 'node_modules/.bin/node'), ['scripts/dev.ts', '--without', 'studio', '--site-port', String(sitePort)], {
    cwd: ROOT,
    env: {...process.env, LAKE_DIR: lakeDir, LAKE_PORT: '0', NEXT_DIST_DIR: distDir},
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  const seen = (pattern: RegExp) =>
    new Promise<string>((done) => {
      const check = () => lines.find((line) => pattern.test(line))
      const found = check()
      if (found) return done(found)
      const reader = createInterface({input: dev.stdout!})
      reader.on('line', () => {
        const match = check()
        if (match) {
          reader.close()
          done(match)
        }
      })
    })
  createInterface({input: dev.stdout!}).on('line', (line) => lines.push(line))
  try {
    const lakeLine = await seen(/^\[dev\] Lake {4}http:\/\/127\.0\.0\.1:\d+/)
    expect(await seen(/^\[dev\] Site {4}/)).toBe(`[dev] Site    http://localhost:${sitePort}/`)
    await seen(/^\[site\] .*Ready in/)
    expect(lines.some((line) => line.startsWith('[lake] Local Content Lake running at'))).toBe(true)
    const home = await fetch(`http://localhost:${sitePort}/`, {signal: AbortSignal.timeout(120_000)})
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('<h1>News Explainers</h1>')
    expect(existsSync(join(lakeDir, 'lake.json'))).toBe(true)
    // The site's pages may use the lake (live updates); other pages may not.
    const lakeUrl = lakeLine.split(/\s+/)[2] ?? ''
    const corsCheck = async (origin: string) => (await (await fetch(`${lakeUrl}/v1/check/cors`, {headers: {origin}})).json()) as unknown
    expect(await corsCheck(`http://localhost:${sitePort}`)).toEqual({result: {allowed: true, withCredentials: true}})
    expect(await corsCheck(`http://localhost:${sitePort + 1}`)).toEqual({result: {allowed: false, withCredentials: false}})
    const exited = new Promise<number | null>((done) => dev.once('exit', (code) => done(code)))
    dev.kill('SIGINT')
    expect(await exited).toBe(0)
    expect(existsSync(join(lakeDir, 'lake.json'))).toBe(false)
    await expect(fetch(`${lakeUrl}/v1/ping`)).rejects.toThrow('fetch failed')
    await expect(fetch(`http://localhost:${sitePort}/`)).rejects.toThrow('fetch failed')
  } finally {
    if (dev.exitCode === null) dev.kill('SIGKILL')
    rmSync(lakeDir, {recursive: true, force: true})
    rmSync(resolve(ROOT, 'web', distDir), {recursive: true, force: true})
  }
}, 240_000)
