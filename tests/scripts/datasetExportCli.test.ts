/**
 * Issue 15, export and import with Sanity's own tools: a client configured as for a hosted
 * project (project id in the host name) reaches the lake through `scripts/lib/localhostDns.ts`,
 * and lake → `sanity dataset export` → `sanity dataset import` into an empty lake gives the
 * same documents (all but `_rev` and `_updatedAt`, which every write sets).
 */
import {execFile} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runSanityCli} from '../../scripts/lib/sanityCli.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'

const root = join(import.meta.dirname, '../..')
const dnsModule = join(root, 'scripts/lib/localhostDns.ts')
let source: TestLake
let target: TestLake
let work: string

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'export-cli-'))
  source = await startTestLake()
  target = await startTestLake()
  const client = source.client()
  await client.action({actionType: 'sanity.action.release.create', releaseId: 'rSpring1', metadata: {title: 'Spring', releaseType: 'asap'}})
  await client.mutate<Record<string, unknown>>([
    {createOrReplace: {_id: 'person-sara', _type: 'person', name: 'سارة'}},
    {createOrReplace: {_id: 'article-ar-x', _type: 'article', title: 'مقال', author: {_type: 'reference', _ref: 'person-sara'}}},
    {createOrReplace: {_id: 'drafts.article-ar-x', _type: 'article', title: 'مسودة', author: {_type: 'reference', _ref: 'person-sara'}}},
  ])
  await client.action({
    actionType: 'sanity.action.document.version.create',
    publishedId: 'article-ar-x',
    document: {_id: 'versions.rSpring1.article-ar-x', _type: 'article', title: 'إصدار'},
  })
})
afterAll(async () => {
  await source?.close()
  await target?.close()
  rmSync(work, {recursive: true, force: true})
})

/** The environment that points the real CLI at a lake: api host, token, `*.localhost` resolution. */
function cliEnv(lake: TestLake): Record<string, string> {
  return {
    SANITY_INTERNAL_ENV: `http://localhost:${new URL(lake.url).port}`,
    SANITY_AUTH_TOKEN: lake.token,
    NODE_OPTIONS: `--import ${dnsModule}`,
  }
}

async function everything(lake: TestLake): Promise<unknown[]> {
  const docs: Array<Record<string, unknown>> = await lake.client().fetch('*| order(_id asc)', {}, {perspective: 'raw'})
  return docs.map(({_rev, _updatedAt, ...rest}) => rest)
}

function runNode(args: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  return new Promise((done) => {
    execFile(process.execPath, args, {cwd: root}, (error, stdout, stderr) => done({code: error ? 1 : 0, stdout, stderr}))
  })
}

describe('a client configured as for a hosted project', () => {
  const script = (port: string) =>
    `import {createClient} from '@sanity/client'
const client = createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', apiHost: 'http://localhost:${port}', useCdn: false})
console.log(JSON.stringify(await client.fetch('*[_type == "person"].name')))`

  it('reaches the lake at local.localhost with localhostDns.ts imported', async () => {
    const result = await runNode(['--import', dnsModule, '--input-type=module', '-e', script(new URL(source.url).port)])
    expect(result).toEqual({code: 0, stdout: '["سارة"]\n', stderr: ''})
  })

  it('cannot resolve local.localhost without it', async () => {
    const result = await runNode(['--input-type=module', '-e', script(new URL(source.url).port)])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('getaddrinfo ENOTFOUND local.localhost')
  })
})

describe('sanity dataset export / import', () => {
  it('round-trips drafts, release versions and the release into an empty lake', {timeout: 120_000}, async () => {
    const file = join(work, 'production.tar.gz')
    const exported = await runSanityCli(['dataset', 'export', 'production', file, '--no-assets'], {root, env: cliEnv(source)})
    expect({code: exported.code, stderr: exported.stderr}).toMatchObject({code: 0, stderr: expect.stringContaining('Exporting documents... (5/5)')})
    const imported = await runSanityCli(['dataset', 'import', file, '--dataset', 'production'], {root, env: cliEnv(target)})
    expect({code: imported.code, stderr: imported.stderr}).toMatchObject({code: 0, stderr: expect.stringContaining('Strengthening references')})
    expect(await everything(target)).toEqual(await everything(source))
    expect((await everything(target)).map((doc) => Reflect.get(Object(doc), '_id'))).toEqual([
      '_.releases.rSpring1',
      'article-ar-x',
      'drafts.article-ar-x',
      'person-sara',
      'versions.rSpring1.article-ar-x',
    ])
  })
})
