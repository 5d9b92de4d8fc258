/**
 * The Chromium that browser tests and benches drive. `npm install` brings it: the
 * `@sparticuz/chromium` devDependency ships a headless Chromium inside the package (brotli files,
 * no download at install time), with the NSS libraries it links and a Latin font. This module
 * unpacks it once into `node_modules/.cache/chromium/<version>/` and adds an Arabic font from
 * `@embedpdf/fonts-arabic`, so Arabic renders with real glyphs on a machine that has no browser,
 * no fonts and no root. `CHROMIUM_PATH` picks another browser (a system Chromium, say).
 */
import {spawnSync} from 'node:child_process'
import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join, resolve} from 'node:path'
import {brotliDecompressSync} from 'node:zlib'

const require = createRequire(import.meta.url)

/** The repository's own cache folder, beside the Studio build cache. */
const DEFAULT_CACHE_DIR = resolve(import.meta.dirname, '../../node_modules/.cache/chromium')

/**
 * Flags for a headless browser that stays on this machine (browser tests, `npm run bench -- studio`):
 * no GPU, no background or update traffic, and other host names do not resolve, so requests for
 * them (Sanity's CDNs, telemetry) fail at once. Blocking them here rather than with Playwright's
 * request routing keeps the HTTP cache on and requests off the driving process: routing intercepts
 * every request (each of the Studio's chunks too) and turns the cache off, so each navigation
 * fetched the whole Studio again through Node, which an editor's browser never does.
 */
export const OFFLINE_BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1',
]

export interface ChromiumBrowser {
  executablePath: string
  /** Environment the browser process needs (its libraries and fonts); empty for CHROMIUM_PATH. */
  env: Record<string, string>
  /** Where the browser came from. */
  source: 'CHROMIUM_PATH' | 'packaged'
}

export interface FindChromiumOptions {
  /** Reads CHROMIUM_PATH, and CHROMIUM_NO_SYSTEM=1 (refuse any browser outside the package). */
  env?: Record<string, string | undefined>
  cacheDir?: string
}

/**
 * Finds the browser: `CHROMIUM_PATH` if set, else the packaged Chromium (unpacked on first use;
 * processes that ask at the same time each unpack into a folder of their own and the first
 * rename wins).
 * @throws Error when CHROMIUM_PATH does not exist, when CHROMIUM_NO_SYSTEM forbids it, or when the
 *   package is missing (run `npm install`).
 */
export function findChromium({env = {}, cacheDir = DEFAULT_CACHE_DIR}: FindChromiumOptions = {}): ChromiumBrowser {
  const asked = env.CHROMIUM_PATH
  if (asked) {
    if (env.CHROMIUM_NO_SYSTEM === '1') {
      throw new Error(`CHROMIUM_PATH=${asked} is set but CHROMIUM_NO_SYSTEM=1 forbids browsers outside the package: unset one of them.`)
    }
    if (!existsSync(asked)) throw new Error(`CHROMIUM_PATH=${asked} does not exist: point it at a Chromium binary or unset it to use the packaged one.`)
    return {executablePath: asked, env: {}, source: 'CHROMIUM_PATH'}
  }
  const pkg = packageDir('@sparticuz/chromium')
  const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {version: string}).version
  const dir = join(cacheDir, version)
  if (!existsSync(join(dir, 'chromium'))) unpack(join(pkg, 'bin'), dir)
  writeFontsConfig(dir)
  return {
    executablePath: join(dir, 'chromium'),
    env: {FONTCONFIG_FILE: join(dir, 'fonts.conf'), LD_LIBRARY_PATH: join(dir, 'lib'), HOME: dir},
    source: 'packaged',
  }
}

/** Unpacks the package's brotli files into `dir` through a private folder, renamed when complete. */
function unpack(bin: string, dir: string): void {
  const partial = `${dir}.partial-${process.pid}`
  rmSync(partial, {recursive: true, force: true})
  mkdirSync(partial, {recursive: true})
  writeFileSync(join(partial, 'chromium'), brotliDecompressSync(readFileSync(join(bin, 'chromium.br'))))
  chmodSync(join(partial, 'chromium'), 0o755)
  // fonts.tar: fonts/ (Open Sans); al2023.tar: lib/ (NSS); swiftshader.tar: the GL libraries,
  // which Chromium looks for beside its binary.
  for (const archive of ['fonts.tar.br', 'al2023.tar.br', 'swiftshader.tar.br']) {
    untar(brotliDecompressSync(readFileSync(join(bin, archive))), partial)
  }
  try {
    renameSync(partial, dir)
  } catch (error) {
    // Another process finished first: its copy is the same.
    rmSync(partial, {recursive: true, force: true})
    if (!existsSync(join(dir, 'chromium'))) throw error
  }
}

/** Writes `dir/fonts.conf` when it is missing or says something else (a new font), atomically. */
function writeFontsConfig(dir: string): void {
  const file = join(dir, 'fonts.conf')
  const wanted = fontsConfig(dir)
  if (existsSync(file) && readFileSync(file, 'utf8') === wanted) return
  const partial = `${file}.${process.pid}`
  writeFileSync(partial, wanted)
  renameSync(partial, file)
}

/** Only the packaged fonts: screenshots look the same whatever fonts the machine has. */
function fontsConfig(dir: string): string {
  const arabic = join(packageDir('@embedpdf/fonts-arabic'), 'fonts')
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(dir, 'fonts')}</dir>
  <dir>${arabic}</dir>
  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>
  <alias><family>sans-serif</family><prefer><family>Open Sans</family><family>Noto Naskh Arabic</family></prefer></alias>
  <alias><family>serif</family><prefer><family>Noto Naskh Arabic</family><family>Open Sans</family></prefer></alias>
  <alias><family>monospace</family><prefer><family>Open Sans</family><family>Noto Naskh Arabic</family></prefer></alias>
</fontconfig>
`
}

function untar(archive: Buffer, into: string): void {
  const result = spawnSync('tar', ['-x', '-C', into], {input: archive})
  if (result.error) throw new Error(`Cannot run tar to unpack Chromium: ${result.error.message}`)
  if (result.status !== 0) throw new Error(`tar failed unpacking Chromium into ${into}: ${result.stderr.toString()}`)
}

/** The package's folder: its package.json, else (a package that does not export it) up from its entry. */
function packageDir(name: string): string {
  let dir: string
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    try {
      dir = dirname(require.resolve(name))
    } catch {
      throw new Error(`The package ${name} is not installed: run \`npm install\` (it is a devDependency).`)
    }
  }
  while (!isPackageRoot(dir, name)) {
    if (dirname(dir) === dir) throw new Error(`Cannot find the folder of the package ${name} in node_modules.`)
    dir = dirname(dir)
  }
  return dir
}

function isPackageRoot(dir: string, name: string): boolean {
  const file = join(dir, 'package.json')
  return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as {name?: string}).name === name
}
