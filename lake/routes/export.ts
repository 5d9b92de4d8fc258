/**
 * `GET /data/export/:dataset`: the whole dataset as NDJSON, one document per line, ordered by id,
 * as hosted Sanity streams it for `sanity dataset export` (`@sanity/export`). `types=a,b` keeps
 * those types. Anonymous callers get published dotless documents only (`lake/ids.ts`); a token
 * adds drafts, release versions, private and system documents (the export tool itself drops the
 * system ones it does not want). An unknown dataset is a 404.
 */
import type {DocumentSnapshot} from '../types.ts'
import type {Route} from '../routeTypes.ts'
import {existingDataset} from './access.ts'
import {AnonymousPlaces} from './anonymousPlaces.ts'

/** Lines are joined into chunks of about this many bytes before they are written. */
const CHUNK_BYTES = 256 * 1024
/**
 * An export holds a read transaction: while it is open SQLite cannot start its write-ahead log
 * over, which then grows with every write. So a reader that stops reading for this long is cut
 * off, and no export lasts longer than EXPORT_MAX_MS (a local dataset goes out in seconds).
 */
export const EXPORT_STALL_MS = 60_000
export const EXPORT_MAX_MS = 15 * 60_000
/** Anonymous exports open at once (each holds a connection and a read transaction); 429 past it. */
export const ANONYMOUS_EXPORTS_MAX = 8

const anonymousExports = new AnonymousPlaces(
  ANONYMOUS_EXPORTS_MAX,
  `Too many anonymous exports are running (${ANONYMOUS_EXPORTS_MAX}); retry when one has finished, or use a token`,
)

/** The export route; spread into the route registry. */
export const exportRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/data/export/:dataset',
    handle(req, ctx) {
      const dataset = existingDataset(ctx, req.params.dataset ?? '')
      const types = req.query.get('types')?.split(',').map((type) => type.trim()).filter(Boolean)
      const anonymous = req.identity === null
      const free = anonymous ? anonymousExports.take(ctx.lake) : () => {}
      let snapshot: DocumentSnapshot
      try {
        snapshot = dataset.openSnapshot({...(types?.length ? {types} : {}), publishedOnly: anonymous})
      } catch (error) {
        free()
        throw error
      }
      const body = exportStream(snapshot, {ended: free, log: ctx.log})
      return {headers: {'Content-Type': 'application/x-ndjson; charset=utf-8'}, body}
    },
  },
]

const utf8 = new TextEncoder()

/**
 * The NDJSON body, read at the reader's pace: each chunk of about CHUNK_BYTES is read from the
 * snapshot when the reader asks for it, so an export holds one chunk, not the dataset. The
 * snapshot is one consistent state of the dataset (a write during a slow download cannot make a
 * document appear twice or not at all), and is closed at the end, when the reader leaves, or when
 * it stalls or runs past its time (EXPORT_STALL_MS, EXPORT_MAX_MS: the download then breaks off).
 */
function exportStream(snapshot: DocumentSnapshot, hooks: {ended: () => void; log: (message: string) => void}): ReadableStream<Uint8Array> {
  let done = false
  const end = () => {
    if (done) return
    done = true
    clearTimeout(stall)
    clearTimeout(deadline)
    snapshot.close()
    hooks.ended()
  }
  let cutOff: (reason: string) => void = end
  const stall = setTimeout(() => cutOff(`read nothing for ${EXPORT_STALL_MS / 1000} s`), EXPORT_STALL_MS)
  const deadline = setTimeout(() => cutOff(`ran past ${EXPORT_MAX_MS / 60_000} minutes`), EXPORT_MAX_MS)
  stall.unref()
  deadline.unref()
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        cutOff = (reason) => {
          if (done) return
          end()
          hooks.log(`export cut off: its reader ${reason}`)
          controller.error(new Error(`export cut off: its reader ${reason}`))
        }
      },
      pull(controller) {
        stall.refresh()
        const lines: string[] = []
        let size = 0
        try {
          for (let row = snapshot.next(); row; row = size < CHUNK_BYTES ? snapshot.next() : null) {
            lines.push(row.json, '\n')
            size += row.json.length + 1
          }
        } catch (error) {
          // The stream errs and is never cancelled: its place and its read transaction are freed here.
          end()
          hooks.log(`export failed: ${error instanceof Error ? error.message : String(error)}`)
          throw error
        }
        if (lines.length > 0) return controller.enqueue(utf8.encode(lines.join('')))
        end()
        controller.close()
      },
      cancel: end,
    },
    {highWaterMark: 0},
  )
}
