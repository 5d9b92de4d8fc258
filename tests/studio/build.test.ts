import {readdir, readFile} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {expect, test} from 'vitest'
import {buildStudio} from '../../scripts/lib/studioBuild.ts'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * The production build the e2e tests and `npm run studio -- --build` serve, from the shared cache
 * (built at most once per source hash). In Chromium, articles' inputs following their language
 * is checked in tests/e2e/studio.test.ts.
 */
test('sanity build succeeds offline and bundles the RTL inputs and the structure', async () => {
  const build = await buildStudio({root: ROOT, log: (line) => console.info(line)})
  console.info(build.cached ? `Studio build: cached (${build.dir})` : `sanity build took ${(build.ms / 1000).toFixed(1)} s`)
  expect(await readFile(join(build.dir, 'index.html'), 'utf8')).toContain('<div id="sanity">')
  const assets = await readdir(join(build.dir, 'static'), {recursive: true})
  const bundles = await Promise.all(
    assets.filter((file) => file.endsWith('.js')).map((file) => readFile(join(build.dir, 'static', file), 'utf8')),
  )
  const code = bundles.join('\n')
  for (const marker of ['rtl-inputs', 'data-direction-for', 'Articles by language', 'article-in-language']) {
    expect(code.includes(marker), `the build should contain "${marker}"`).toBe(true)
  }
}, 300_000)
