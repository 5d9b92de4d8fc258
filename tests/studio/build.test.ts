import {existsSync} from 'node:fs'
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createClient} from '@sanity/client'
import {chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, test} from 'vitest'
import {startLake, type RunningLake} from '../../lake/serve.ts'
import {dataset} from '../fixtures/queries/dataset.ts'
import {runSanity} from './sanityCli.ts'
import {serveStatic} from './staticStudio.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const TOKEN = 'studio-build-test-token-'.padEnd(40, 'x')
const ARABIC_ID = 'article-north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
const ENGLISH_ID = 'article-en-north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
const NO_LANGUAGE_ID = 'article-no-language'
/** The first 12 characters of a value, as `directions()` reports it. */
const start = (text: string) => text.slice(0, 12)
const ARABIC_TITLE = start('كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية')
const ARABIC_TOPLINE = start('نفت كوريا الشمالية يوم الخميس تزويد روسيا بأسلحة أو ذخيرة لاستخدامها في أوكرانيا.')

let scratch = ''
let lake: RunningLake | undefined
let build = {code: -1, output: '', seconds: 0}

/** Starts a lake on a free port with the fixture articles, then builds the Studio against it. */
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'studio-build-'))
  lake = await startLake({dir: join(scratch, 'lake'), port: 0, token: TOKEN})
  const client = createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: lake.url,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token: TOKEN,
  })
  const transaction = client.transaction()
  for (const document of dataset) transaction.createOrReplace(document)
  transaction.createOrReplace({_id: NO_LANGUAGE_ID, _type: 'article', title: 'No language yet'})
  await transaction.commit()

  const started = Date.now()
  const port = new URL(lake.url).port
  const result = await runSanity(['build', join(scratch, 'dist'), '--yes'], undefined, {
    SANITY_STUDIO_LAKE_URL: `http://localhost:${port}`,
  })
  build = {code: result.code, output: `${result.stdout}\n${result.stderr}`, seconds: (Date.now() - started) / 1000}
  console.info(`sanity build took ${build.seconds.toFixed(1)} s`)
}, 240_000)

afterAll(async () => {
  await lake?.close()
  if (scratch) await rm(scratch, {recursive: true, force: true})
})

test('sanity build succeeds offline and bundles the RTL inputs and the structure', async () => {
  expect(build.code, build.output).toBe(0)
  const dist = join(scratch, 'dist')
  expect(await readFile(join(dist, 'index.html'), 'utf8')).toContain('<div id="sanity">')
  const assets = await readdir(join(dist, 'static'), {recursive: true})
  const bundles = await Promise.all(
    assets.filter((file) => file.endsWith('.js')).map((file) => readFile(join(dist, 'static', file), 'utf8')),
  )
  const code = bundles.join('\n')
  for (const marker of ['rtl-inputs', 'data-direction-for', 'Articles by language', 'article-in-language']) {
    expect(code.includes(marker), `the build should contain "${marker}"`).toBe(true)
  }
})

/** `dir` and computed direction of every text input, textarea and Portable Text block on the page. */
function directions(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('input[data-testid="string-input"], textarea, [data-pt-block="text"]')].map(
      (element) => ({
        text: (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
          ? element.value
          : (element.textContent ?? '')
        ).slice(0, 12),
        dir: element.getAttribute('dir'),
        direction: getComputedStyle(element).direction,
      }),
    ),
  )
}

describe('in Chromium, against the lake', () => {
  test('article inputs follow the language: rtl for Arabic, ltr for English, auto without one', async () => {
    expect(build.code, build.output).toBe(0)
    expect(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`).toBe(true)
    const studio = await serveStatic(join(scratch, 'dist'))
    const browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox']})
    try {
      const page = await browser.newPage({viewport: {width: 1400, height: 1000}})
      await page.addInitScript((token) => {
        localStorage.setItem('__studio_auth_token_local', JSON.stringify({token}))
      }, TOKEN)
      const open = async (id: string) => {
        await page.goto(`${studio.url}/local/intent/edit/id=${id};type=article/`)
        await page.waitForSelector('input[data-testid="string-input"]', {timeout: 60_000})
      }

      await open(ARABIC_ID)
      expect(await directions(page)).toEqual([{text: ARABIC_TITLE, dir: 'rtl', direction: 'rtl'}])
      await page.getByText('السطر العلوي').first().click()
      await page.waitForSelector('[data-pt-block="text"]', {timeout: 30_000})
      expect(await directions(page)).toEqual([
        {text: ARABIC_TITLE, dir: 'rtl', direction: 'rtl'},
        {text: 'السطر العلوي', dir: 'rtl', direction: 'rtl'},
        {text: ARABIC_TOPLINE, dir: 'rtl', direction: 'rtl'},
      ])
      expect(
        await page.evaluate(() => document.querySelector('[data-pt-block="text"] [data-direction-for]')?.getAttribute('dir')),
      ).toBe('rtl')

      await open(ENGLISH_ID)
      expect(await directions(page)).toEqual([{text: start('North Korea Denies'), dir: 'ltr', direction: 'ltr'}])

      await open(NO_LANGUAGE_ID)
      expect(await directions(page)).toEqual([{text: start('No language yet'), dir: 'auto', direction: 'ltr'}])
    } finally {
      await browser.close()
      await studio.close()
    }
  }, 180_000)
})
