/**
 * `GET /data/export/:dataset`: the whole dataset as NDJSON, one document per line, ordered by id,
 * as hosted Sanity streams it for `sanity dataset export` (`@sanity/export`). `types=a,b` keeps
 * those types. Anonymous callers get published dotless documents only (`lake/ids.ts`); a token
 * adds drafts, release versions, private and system documents (the export tool itself drops the
 * system ones it does not want). An unknown dataset is a 404.
 */
import type {ServerResponse} from 'node:http'
import {idKind} from '../ids.ts'
import type {Dataset, LakeDocument, Route} from '../types.ts'
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
      return {stream: (res) => void writeChunks(res, chunks)}
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

async function writeChunks(res: ServerResponse, chunks: string[]): Promise<void> {
  res.writeHead(200, {'Content-Type': 'application/x-ndjson; charset=utf-8'})
  for (const chunk of chunks) {
    if (res.destroyed) return
    if (!res.write(chunk)) await new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done)
        res.off('close', done)
        resolve()
      }
      res.on('drain', done)
      res.on('close', done)
    })
  }
  res.end()
}
