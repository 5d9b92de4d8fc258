/**
 * `GET /data/export/:dataset`: the whole dataset as NDJSON, one document per line, ordered by id,
 * as hosted Sanity streams it for `sanity dataset export` (`@sanity/export`). `types=a,b` keeps
 * those types. Anonymous callers get published dotless documents only (`lake/ids.ts`); a token
 * adds drafts, release versions, private and system documents (the export tool itself drops the
 * system ones it does not want). An unknown dataset is a 404.
 */
import {idKind} from '../ids.ts'
import type {Dataset, LakeDocument} from '../types.ts'
import type {Route} from '../routeTypes.ts'
import {existingDataset} from './access.ts'

/** Lines are joined into chunks of about this many bytes before they are written. */
const CHUNK_BYTES = 256 * 1024

/** The export route; spread into the route registry. */
export const exportRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/export/:dataset',
    handle(req, ctx) {
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const types = req.query.get('types')?.split(',').map((type) => type.trim()).filter(Boolean)
      const chunks = exportChunks(dataset, types?.length ? types : undefined, req.identity !== null)
      return {headers: {'Content-Type': 'application/x-ndjson; charset=utf-8'}, body: chunkStream(chunks)}
    },
  },
]

/**
 * The NDJSON text, read in one go so the export is one consistent snapshot of the dataset (a
 * write during a slow download cannot make a document appear twice or not at all); written
 * afterwards with backpressure.
 */
function exportChunks(dataset: Dataset, types: string[] | undefined, withToken: boolean): string[] {
  const chunks: string[] = []
  let lines: string[] = []
  let size = 0
  for (const doc of dataset.scan(types ? {types} : {})) {
    if (!withToken && !isPublic(doc)) continue
    const line = `${JSON.stringify(doc)}\n`
    lines.push(line)
    size += line.length
    if (size >= CHUNK_BYTES) {
      chunks.push(lines.join(''))
      lines = []
      size = 0
    }
  }
  if (lines.length) chunks.push(lines.join(''))
  return chunks
}

function isPublic(doc: LakeDocument): boolean {
  return idKind(doc._id) === 'published'
}

const utf8 = new TextEncoder()

/** The chunks as a body read at the reader's pace: each is encoded only when the reader asks for it. */
function chunkStream(chunks: string[]): ReadableStream<Uint8Array> {
  let next = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[next++]
        if (chunk === undefined) controller.close()
        else controller.enqueue(utf8.encode(chunk))
      },
      cancel: () => void chunks.splice(0),
    },
    {highWaterMark: 0},
  )
}
