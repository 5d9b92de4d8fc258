import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {ClientError, type SanityClient, type SanityDocument} from '@sanity/client'
import {afterEach, beforeEach, describe, expect, test} from 'vitest'
import {formatPlan} from '../../seed/import/formatPlan.ts'
import {writeArticleFiles} from '../../scripts/benchSeed.ts'
import {ARTICLES_PER_TRANSACTION, TRANSACTION_BODY_CHARS, importArticles, type ImportOptions} from '../../seed/import/importArticles.ts'
import {listArticleFiles} from '../../seed/import/readArticleFiles.ts'
import type {ArticlePlan} from '../../seed/import/planArticle.ts'
import {parseArticleFile} from '../../seed/parse/parseArticleFile.ts'
import {startTestLake, type TestLake} from '../helpers/lake.ts'
import {sourceId} from '../helpers/seedIds.ts'

const ROOT = join(import.meta.dirname, '..', '..')
const SEED = join(ROOT, 'seed', 'articles', '000_f58be128c4b82355.txt')
const GOOD = join(import.meta.dirname, 'fixtures', 'good')
const ARTICLE = 'article-ar-north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
const T1 = '2026-01-01T00:00:00.000Z'
const T2 = '2026-01-02T00:00:00.000Z'

let lake: TestLake
let client: SanityClient
let dir: string
let seedFile: string

beforeEach(async () => {
  lake = await startTestLake()
  client = lake.client()
  dir = mkdtempSync(join(tmpdir(), 'seed-import-'))
  seedFile = join(dir, '000_seed.txt')
  copyFileSync(SEED, seedFile)
})

afterEach(async () => {
  await lake.close()
  rmSync(dir, {recursive: true, force: true})
})

/** Every document's id and revision: equal before and after means nothing was written. */
const revisions = (): Promise<Array<{_id: string; _rev: string}>> => client.fetch('*[] | order(_id asc){_id, _rev}', {}, {perspective: 'raw'})
/** The stored document; fails the test when it is missing. */
async function mustGet(id: string): Promise<SanityDocument> {
  const doc = await client.getDocument(id)
  if (!doc) throw new Error(`${id} is missing`)
  return doc
}
const transactionCount = (): number => lake.running.lake.dataset('production')?.transactions({}).length ?? 0

async function run(files: string[], options: Partial<ImportOptions> = {}): Promise<{plans: ArticlePlan[]} & Awaited<ReturnType<typeof importArticles>>> {
  const plans: ArticlePlan[] = []
  const result = await importArticles(client, files, {now: () => T2, onPlan: (plan) => plans.push(plan), ...options})
  expect(result.errors).toEqual([])
  return {...result, plans}
}

function editSeed(from: string, to: string): void {
  const text = readFileSync(seedFile, 'utf8')
  expect(text).toContain(from)
  writeFileSync(seedFile, text.replace(from, to))
}

describe('importing into a lake', () => {
  test('the first import creates the article, its sources, publisher and author in one transaction', async () => {
    const {counts} = await run([seedFile], {now: () => T1})
    expect(counts).toMatchObject({articles: 1, created: 5, updated: 0, unchanged: 0, transactions: 1, mutations: 5})
    expect(transactionCount()).toBe(1)
    const stored = await mustGet(ARTICLE)
    const {documents} = parseArticleFile(readFileSync(seedFile), seedFile)
    const {_rev, _createdAt, _updatedAt, seedImport, ...content} = stored
    expect(content).toEqual(JSON.parse(JSON.stringify(documents.article)))
    expect(seedImport).toMatchObject({_type: 'seedImport', file: seedFile, importedAt: T1})
    expect(Object.keys(JSON.parse(seedImport.fieldHashes))).toEqual([
      'authors', 'description', 'furtherReading', 'language', 'originalSource', 'publishedAt', 'publisher', 'sections', 'slug', 'title', 'translation',
    ])
  })

  test('a second import of the same text writes nothing: same revisions, no transaction, importedAt kept', async () => {
    await run([seedFile], {now: () => T1})
    const before = await revisions()
    const {counts} = await run([seedFile], {now: () => T2})
    expect(counts).toMatchObject({created: 0, updated: 0, unchanged: 5, transactions: 0, mutations: 0, plannedMutations: 0})
    expect(await revisions()).toEqual(before)
    expect(transactionCount()).toBe(1)
    expect((await client.getDocument(ARTICLE))?.seedImport.importedAt).toBe(T1)
  })

  test('a changed text updates only the changed fields', async () => {
    await run([seedFile], {now: () => T1})
    editSeed('3. هذا هو عدد', '4. هذا هو عدد')
    const {counts, plans} = await run([seedFile])
    expect(counts).toMatchObject({created: 0, updated: 1, unchanged: 4, transactions: 1, mutations: 1})
    expect(plans[0]?.documents.find((d) => d.id === ARTICLE)?.set).toHaveProperty('sections')
    expect(Object.keys(plans[0]?.documents.find((d) => d.id === ARTICLE)?.set ?? {})).toEqual(['sections'])
    const stored = await client.getDocument(ARTICLE)
    expect(stored?.sections[3].body[0]).toMatchObject({value: 4, display: '4'})
    expect(stored?.seedImport.importedAt).toBe(T2)
  })

  test('an editor change in the published document survives a re-seed and is reported', async () => {
    await run([seedFile], {now: () => T1})
    await client.patch(ARTICLE).set({title: 'عنوان حرره محرر'}).commit()
    await client.patch('person-roberthart').set({name: 'Robert Hart'}).commit()
    editSeed('3. هذا هو عدد', '4. هذا هو عدد')
    editSeed('كوريا الشمالية تنفي بيع أسلحة لموسكو مع تزايد العزلة الروسية', 'عنوان جديد من الملف')
    const {counts, plans} = await run([seedFile])
    expect(counts).toMatchObject({updated: 1, keptFields: 2, keptDocuments: 2, transactions: 1})
    const article = await client.getDocument(ARTICLE)
    expect(article?.title).toBe('عنوان حرره محرر')
    expect(article?.sections[3].body[0].value).toBe(4)
    expect((await client.getDocument('person-roberthart'))?.name).toBe('Robert Hart')
    expect(formatPlan(plans[0]!, {diff: false})).toEqual([
      `${seedFile} → ${ARTICLE}`,
      '  kept      person-roberthart name (edited in the published; --replace overwrites it)',
      `  update    ${ARTICLE}: sections`,
      `  kept      ${ARTICLE} title (edited in the published; --replace overwrites it)`,
    ])
    const before = await revisions()
    expect((await run([seedFile])).counts).toMatchObject({transactions: 0, keptFields: 2})
    expect(await revisions()).toEqual(before)
  })

  test('an editor change in the draft is kept; the draft follows the seed elsewhere', async () => {
    await run([seedFile], {now: () => T1})
    const published = await mustGet(ARTICLE)
    await client.create({...published, _id: `drafts.${ARTICLE}`, description: 'وصف كتبه محرر'})
    editSeed('3. هذا هو عدد', '4. هذا هو عدد')
    const {counts, plans} = await run([seedFile])
    expect(counts).toMatchObject({updated: 1, keptFields: 1, transactions: 1})
    expect(plans[0]?.documents.find((d) => d.id === ARTICLE)?.kept).toEqual([{field: 'description', editedIn: 'draft'}])
    const draft = await client.getDocument(`drafts.${ARTICLE}`)
    expect(draft?.description).toBe('وصف كتبه محرر')
    expect(draft?.sections[3].body[0].value).toBe(4)
    expect((await client.getDocument(ARTICLE))?.sections[3].body[0].value).toBe(4)
  })

  test('--replace overwrites editor changes in the published document and the draft, after reporting them', async () => {
    await run([seedFile], {now: () => T1})
    const seeded = await mustGet(ARTICLE)
    await client.patch(ARTICLE).set({title: 'عنوان حرره محرر'}).commit()
    await client.create({...seeded, _id: `drafts.${ARTICLE}`, description: 'وصف كتبه محرر'})
    const {counts, plans} = await run([seedFile], {replace: true})
    expect(counts).toMatchObject({overwrittenFields: 2, keptFields: 0, transactions: 1})
    expect(formatPlan(plans[0]!, {diff: false}).filter((line) => line.startsWith('  overwrite'))).toEqual([
      `  overwrite ${ARTICLE} description (edited in the draft)`,
      `  overwrite ${ARTICLE} title (edited in the published)`,
    ])
    expect((await client.getDocument(ARTICLE))?.title).toBe(seeded?.title)
    expect((await client.getDocument(`drafts.${ARTICLE}`))?.description).toBe(seeded?.description)
    expect((await run([seedFile])).counts).toMatchObject({transactions: 0, keptFields: 0})
  })

  test('an article an editor unpublished (only a draft left) is not published again', async () => {
    await run([seedFile], {now: () => T1})
    const seeded = await mustGet(ARTICLE)
    await client.transaction().create({...seeded, _id: `drafts.${ARTICLE}`}).delete(ARTICLE).commit()
    const {plans, counts} = await run([seedFile])
    expect(plans[0]?.documents.find((d) => d.id === ARTICLE)).toMatchObject({action: 'kept', kept: [{field: '*', editedIn: 'unpublished'}]})
    expect(counts.transactions).toBe(0)
    expect(await client.getDocument(ARTICLE)).toBeUndefined()
  })

  test('--dry-run plans with a readable diff and writes nothing', async () => {
    await run([seedFile], {now: () => T1})
    editSeed('3. هذا هو عدد', '4. هذا هو عدد')
    const before = await revisions()
    const {counts, plans} = await run([seedFile], {dryRun: true})
    expect(counts).toMatchObject({updated: 1, transactions: 0, mutations: 0, plannedMutations: 1})
    expect(await revisions()).toEqual(before)
    expect(formatPlan(plans[0]!, {diff: true})).toEqual([
      `${seedFile} → ${ARTICLE}`,
      `  update    ${ARTICLE}: sections`,
      '      sections: 5 → 5 items',
      '        ~ "رقم ضخم"',
      '          - "3. هذا هو عدد البلدان الاعتراف استقلال جمهوريتي لوهانسك ودونيتسك اللتين أعلنتا عن نفسها بنفسهما في…',
      '          + "4. هذا هو عدد البلدان الاعتراف استقلال جمهوريتي لوهانسك ودونيتسك اللتين أعلنتا عن نفسها بنفسهما في…',
    ])
  })

  test('several articles: shared documents are written once, the articles in one transaction', async () => {
    const files = [seedFile, join(GOOD, '001-english-full-vocabulary.txt'), join(GOOD, '002-arabic-variants-indic-digits.txt')]
    const {counts, plans} = await run(files)
    expect(counts).toMatchObject({articles: 3, created: 17, transactions: 1})
    expect(plans.map((plan) => plan.documents.map((doc) => doc.id).filter((id) => id.startsWith('publisher-')))).toEqual([
      ['publisher-forbes'],
      ['publisher-new-york-times'],
      ['publisher-reuters'],
    ])
    expect(await client.fetch('count(*[_type == "article"])')).toBe(3)
    expect((await run(files)).counts).toMatchObject({transactions: 0, unchanged: 17})
  })

  test(`commits at most ${ARTICLES_PER_TRANSACTION} articles per transaction, or one per transaction when asked`, async () => {
    writeArticleFiles(dir, 25)
    const files = await listArticleFiles([dir])
    const before = transactionCount()
    expect((await run(files.slice(0, 25), {transactionChars: Infinity})).counts).toMatchObject({articles: 25, transactions: 3})
    expect(transactionCount() - before).toBe(3)
    expect(await client.fetch('count(*[_type == "article"])')).toBe(25)
    writeArticleFiles(dir, 28)
    const more = (await listArticleFiles([dir])).slice(25, 28)
    expect((await run(more, {articlesPerTransaction: 1})).counts).toMatchObject({articles: 3, transactions: 3})
  })

  test(`a transaction's body has at most ${TRANSACTION_BODY_CHARS} characters, unless one article alone has more`, async () => {
    writeArticleFiles(dir, 25)
    const files = await listArticleFiles([dir])
    const bodies: string[] = []
    const recording = client.withConfig({
      requestHandler: (request, next) => {
        if (request.url.includes('/data/mutate/') && request.body instanceof Uint8Array) bodies.push(Buffer.from(request.body).toString())
        return next(request)
      },
    })
    const result = await importArticles(recording, files, {now: () => T2})
    expect(result.errors).toEqual([])
    expect(result.counts).toMatchObject({articles: files.length, transactions: bodies.length})
    const articlesIn = (body: string) => (JSON.parse(body) as {mutations: Array<{create?: {_type: string}}>}).mutations.filter((m) => m.create?._type === 'article').length
    // These articles are more than three bodies' worth: the bound, not the count, splits them.
    expect(bodies.length).toBeGreaterThan(3)
    for (const body of bodies) if (articlesIn(body) > 1) expect(body.length).toBeLessThanOrEqual(TRANSACTION_BODY_CHARS)
    expect(bodies.map(articlesIn).reduce((a, b) => a + b)).toBe(files.length)
    // Articles longer than the bound go alone, and still go.
    writeArticleFiles(dir, 27)
    const two = (await listArticleFiles([dir])).filter((file) => !files.includes(file))
    const alone = await importArticles(recording, two, {now: () => T2, transactionChars: 1000})
    expect(alone.errors).toEqual([])
    expect(alone.counts).toMatchObject({articles: 2, transactions: 2})
  })

  test('a transaction the lake refuses is sent again article by article: only the article at fault fails', async () => {
    writeArticleFiles(dir, 10)
    const files = (await listArticleFiles([dir])).filter((file) => file !== seedFile)
    // An editor creates the fourth article between the seed's read and its write: the seed's create of it fails.
    const taken = `article-en-bench-article-3`
    let mutates = 0
    const racing = client.withConfig({
      requestHandler: async (request, next) => {
        if (request.url.includes('/data/mutate/') && mutates++ === 0) await client.create({_id: taken, _type: 'article', language: 'en', title: 'An editor was first'})
        return next(request)
      },
    })
    const result = await importArticles(racing, files, {now: () => T2, transactionChars: Infinity})
    expect(result.errors.map((error) => error.file)).toEqual([files[3]])
    expect(result.errors[0]?.reason).toMatch(new RegExp(`^the transaction for ${taken} failed \\([\\s\\S]+\\); nothing of this article was written, run the seed again$`))
    // The first transaction (all ten) was refused, then each article went alone.
    expect(mutates).toBe(11)
    expect(result.counts.transactions).toBe(9)
    expect(await client.fetch('count(*[_type == "article" && title != "An editor was first"])')).toBe(9)
  })

  test('a transaction refused by a rate limit (429) is not sent again article by article', async () => {
    writeArticleFiles(dir, 10)
    const files = (await listArticleFiles([dir])).filter((file) => file !== seedFile)
    let mutates = 0
    const limited = client.withConfig({
      requestHandler: async (request, next) => {
        if (!request.url.includes('/data/mutate/')) return next(request)
        mutates++
        const body = {error: {description: 'API rate limit exceeded', type: 'rateLimitError'}}
        throw new ClientError({statusCode: 429, statusMessage: 'Too Many Requests', headers: {}, body, url: request.url, method: 'POST'})
      },
    })
    const result = await importArticles(limited, files, {now: () => T2, transactionChars: Infinity})
    expect(mutates).toBe(1)
    expect(result.errors.map((error) => error.file)).toEqual(files)
    expect(result.errors[0]?.reason).toMatch(/^the transaction for article-\w+-bench-article-0 failed \(.*rate limit.*\); nothing of this article was written, run the seed again$/s)
  })

  test('--out gives NDJSON for `sanity dataset import`: one valid document per line, nothing written', async () => {
    const lines: string[] = []
    const files = [seedFile, join(GOOD, '002-arabic-variants-indic-digits.txt')]
    const result = await importArticles(null, files, {now: () => T1, out: (line) => lines.push(line)})
    expect(result.counts).toMatchObject({articles: 2, created: 11})
    const docs = lines.map((line) => JSON.parse(line))
    expect(docs.map((doc) => doc._id)).toEqual([
      'publisher-forbes',
      'person-roberthart',
      sourceId('https://www.forbes.com/sites/roberthart/2022/09/22/north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows/'),
      sourceId('المخابرات الامريكيه تظهر ان روسيا تشتري اسلحه من كوريا الشماليه|publisher-forbes'),
      ARTICLE,
      'publisher-reuters',
      'person-someauthor',
      sourceId('https://www.forbes.com/sites/someauthor/2022/10/10/egypt-inflation-hits-five-year-high/'),
      sourceId('https://www.reuters.com/world/africa/egypt-imf-loan-2022-10-01/'),
      // "أزمة القمح العالمية (فوربس)", without a URL: the title folded as the README says.
      sourceId('ازمه القمح العالميه|publisher-forbes'),
      'article-ar-egypt-inflation-hits-five-year-high',
    ])
    for (const doc of docs) {
      expect(doc._id).toMatch(/^(article|source|publisher|person)-[a-z0-9-]+$/)
      expect(typeof doc._type).toBe('string')
      expect(doc.seedImport).toMatchObject({_type: 'seedImport', importedAt: T1})
      expect(typeof JSON.parse(doc.seedImport.fieldHashes)).toBe('object')
    }
    expect(transactionCount()).toBe(0)
  })

  test('a shared document written differently by two files: the first wins, with a warning', async () => {
    const english = readFileSync(join(GOOD, '001-english-full-vocabulary.txt'), 'utf8')
    const first = join(dir, '001_first.txt')
    const second = join(dir, '002_second.txt')
    writeFileSync(first, english)
    writeFileSync(
      second,
      english
        .replace('/congress-passes-drought-relief-package/', '/senate-follows/')
        .replace('The Colorado River Is Running Dry (New York Times)', 'A River Runs Dry (New York Times)'),
    )
    const lines: string[] = []
    const result = await importArticles(null, [first, second], {now: () => T1, out: (line) => lines.push(line)})
    const river = sourceId('https://www.nytimes.com/2022/08/16/climate/colorado-river-drought.html')
    expect(result.warnings.map((w) => w.message)).toEqual([`${second}: ${river} is written differently in ${first}; the first version was kept`])
    const rivers = lines.map((line) => JSON.parse(line)).filter((doc) => doc._id === river)
    expect(rivers.map((doc) => doc.title)).toEqual(['The Colorado River Is Running Dry'])
    expect(lines.filter((line) => line.includes('"_id":"publisher-forbes"'))).toHaveLength(1)
  })

  test('a publisher the dataset knows by an alias is referenced instead of a new one', async () => {
    await client.create({_id: 'publisher-al-jazeera', _type: 'publisher', name: 'Al Jazeera', aliases: ['الجزيرة']})
    editSeed('(فوربس)', '(الجزيرة)')
    const {plans} = await run([seedFile])
    expect(plans[0]?.documents.map((doc) => doc.id).filter((id) => id.startsWith('publisher-'))).toEqual(['publisher-forbes'])
    const reading = await client.fetch('*[_id == $id][0].furtherReading[0]->publisher._ref', {id: ARTICLE})
    expect(reading).toBe('publisher-al-jazeera')
    expect((await run([seedFile])).counts).toMatchObject({transactions: 0})
  })

  test('an original and its translation share the slug and live side by side under their languages', async () => {
    await run([seedFile], {now: () => T1})
    const english = join(dir, '001_english.txt')
    const seedUrl = 'https://www.forbes.com/sites/roberthart/2022/09/22/north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows/'
    writeFileSync(english, readFileSync(join(GOOD, '001-english-full-vocabulary.txt'), 'utf8').replace(/Source: .*/, `Source: ${seedUrl}`))
    const result = await importArticles(client, [english], {now: () => T2})
    expect(result.errors).toEqual([])
    const slug = 'north-korea-denies-selling-weapons-to-moscow-as-russias-isolation-grows'
    expect(await client.fetch('*[_type == "article" && slug.current == $slug] | order(_id) {_id, language}', {slug})).toEqual([
      {_id: `article-ar-${slug}`, language: 'ar'},
      {_id: `article-en-${slug}`, language: 'en'},
    ])
  })
})
