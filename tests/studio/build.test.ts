import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, expect, test} from 'vitest'
import {runSanity} from './sanityCli.ts'

let outDir = ''

afterAll(() => (outDir ? rm(outDir, {recursive: true, force: true}) : undefined))

test('sanity build succeeds offline and bundles the RTL inputs and the structure', async () => {
  outDir = await mkdtemp(join(tmpdir(), 'studio-build-'))
  const started = Date.now()
  const result = await runSanity(['build', outDir, '--yes'])
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0)
  console.info(`sanity build took ${((Date.now() - started) / 1000).toFixed(1)} s`)

  const index = await readFile(join(outDir, 'index.html'), 'utf8')
  expect(index).toContain('<div id="sanity">')

  const assets = await readdir(join(outDir, 'static'), {recursive: true})
  const bundles = await Promise.all(
    assets.filter((file) => file.endsWith('.js')).map((file) => readFile(join(outDir, 'static', file), 'utf8')),
  )
  const code = bundles.join('\n')
  for (const marker of ['rtl-inputs', 'data-direction-for', 'Articles by language', 'article-in-language']) {
    expect(code.includes(marker), `the build should contain "${marker}"`).toBe(true)
  }
}, 240_000)
