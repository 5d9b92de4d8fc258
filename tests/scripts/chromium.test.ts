/**
 * The fresh-machine path of the browser tests: with every system browser forbidden, the packaged
 * Chromium unpacks, launches and renders Arabic with real glyphs (shaped and joined, not boxes).
 */
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'

import {chromium} from 'playwright-core'
import {afterAll, describe, expect, it} from 'vitest'

import {findChromium} from '../../scripts/lib/chromium.ts'

/** A private cache, so the test unpacks the package itself whatever the repository's cache holds. */
const cacheDir = mkdtempSync(join(tmpdir(), 'chromium-cache-'))
const FORBID_SYSTEM = {CHROMIUM_NO_SYSTEM: '1'}
const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/chromium')

afterAll(() => rmSync(cacheDir, {recursive: true, force: true}))

describe('findChromium', () => {
  it('unpacks the packaged Chromium when no browser is named, and renders Arabic with real glyphs', {timeout: 120_000}, async () => {
    const found = findChromium({env: FORBID_SYSTEM, cacheDir})
    expect(found.source).toBe('packaged')
    expect(found.executablePath.startsWith(cacheDir)).toBe(true)
    expect(existsSync(found.executablePath)).toBe(true)

    const browser = await chromium.launch({
      executablePath: found.executablePath,
      // No PATH: nothing on the machine can stand in for the packaged browser or its libraries.
      env: {...found.env, PATH: ''},
      args: ['--no-sandbox', '--disable-gpu'],
    })
    try {
      const page = await browser.newPage()
      await page.setContent('<html lang="ar" dir="rtl"><body><h1 id="h">كوريا الشمالية تنفي بيع أسلحة</h1></body></html>')
      const widths = await page.evaluate(() => {
        const context = document.createElement('canvas').getContext('2d')
        if (!context) throw new Error('no 2d canvas')
        context.font = '32px sans-serif'
        const word = 'أسلحة'
        const letters = [...word].reduce((sum, letter) => sum + context.measureText(letter).width, 0)
        return {
          word: context.measureText(word).width,
          letters,
          // A private-use code point no font has: what a missing glyph (a box) measures.
          box: context.measureText('\u{10FFFD}').width,
          arabicLetter: context.measureText('س').width,
        }
      })
      // Joined Arabic letters take other shapes (and widths) than the same letters alone; boxes
      // would measure the same either way, and as wide as the missing-glyph box.
      expect(Math.abs(widths.word - widths.letters)).toBeGreaterThan(1)
      expect(widths.arabicLetter).not.toBe(widths.box)
      mkdirSync(SCREENSHOT_DIR, {recursive: true})
      await page.screenshot({path: join(SCREENSHOT_DIR, 'arabic-headline.png')})
    } finally {
      await browser.close()
    }
  })

  it('reuses what it unpacked', () => {
    const first = findChromium({env: FORBID_SYSTEM, cacheDir})
    expect(findChromium({env: FORBID_SYSTEM, cacheDir})).toEqual(first)
  })

  it('uses CHROMIUM_PATH when set', () => {
    const path = process.execPath
    expect(findChromium({env: {CHROMIUM_PATH: path}, cacheDir})).toEqual({executablePath: path, env: {}, source: 'CHROMIUM_PATH'})
  })

  it('says what to do when CHROMIUM_PATH does not exist', () => {
    expect(() => findChromium({env: {CHROMIUM_PATH: '/nowhere/chromium'}, cacheDir})).toThrow(
      'CHROMIUM_PATH=/nowhere/chromium does not exist: point it at a Chromium binary or unset it to use the packaged one.',
    )
  })

  it('refuses a named browser when system browsers are forbidden', () => {
    expect(() => findChromium({env: {CHROMIUM_PATH: '/usr/bin/chromium', ...FORBID_SYSTEM}, cacheDir})).toThrow(
      'CHROMIUM_PATH=/usr/bin/chromium is set but CHROMIUM_NO_SYSTEM=1 forbids browsers outside the package: unset one of them.',
    )
  })
})
