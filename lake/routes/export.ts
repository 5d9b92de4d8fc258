/**
 * `GET /data/export/:dataset`: the whole dataset as NDJSON, one document per line, ordered by id,
 * as hosted Sanity streams it for `sanity dataset export` (`@sanity/export`). `types=a,b` keeps
 * those types. Anonymous callers get published dotless documents only (`lake/ids.ts`); a token
 * adds drafts, release versions, private and system documents (the export tool itself drops the
 * system ones it does not want). An unknown dataset is a 404.
 */
import {idKind} from '../ids.ts'
import type {DocumentSnapshot} from '../types.ts'
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
      const snapshot = dataset.openSnapshot(types?.length ? {types} : {})
      return {headers: {'Content-Type': 'application/x-ndjson; charset=utf-8'}, body: exportStream(snapshot, req.identity !== null)}
    },
  },
]

const utf8 = new TextEncoder()

/**
 * The NDJSON body, read at the reader's pace: each chunk of about CHUNK_BYTES is read from the
 * snapshot when the reader asks for it, so an export holds one chunk, not the dataset. The
 * snapshot is one consistent state of the dataset (a write during a slow download cannot make a
 * document appear twice or not at all), and is closed at the end or when the reader leaves.
 */
function exportStream(snapshot: DocumentSnapshot, withToken: boolean): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const lines: string[] = []
        let size = 0
        for (let row = snapshot.next(); row; row = size < CHUNK_BYTES ? snapshot.next() : null) {
          if (!withToken && idKind(row.id) !== 'published') continue
          lines.push(row.json, '\n')
          size += row.json.length + 1
        }
        if (lines.length > 0) controller.enqueue(utf8.encode(lines.join('')))
        else controller.close()
      },
      cancel: () => snapshot.close(),
    },
    {highWaterMark: 0},
  )
}
