/**
 * Child process of the crash test: commits transactions into the lake in `argv[2]` forever and
 * prints `ACK <transactionId> <n>` after each commit. Each transaction writes two documents
 * (`pair-<n>-a`, `pair-<n>-b`) and bumps `counter`, so a partial transaction is detectable.
 */
import {openLake} from '../../lake/store.ts'

/** Padding per document, so a transaction takes long enough for SIGKILL to land inside it. */
const PAYLOAD = 'x'.repeat(20_000)

const dir = process.argv[2]
if (!dir) throw new Error('usage: crashWriter.ts <dir>')
const dataset = openLake({dir}).dataset('production', {create: true})!
let n = Number(dataset.get('counter')?.n ?? 0)
for (;;) {
  n += 1
  const transaction = dataset.mutate(
    [
      {createOrReplace: {_id: `pair-${n}-a`, _type: 'pair', n, payload: PAYLOAD}},
      {createOrReplace: {_id: `pair-${n}-b`, _type: 'pair', n, payload: PAYLOAD}},
      {createIfNotExists: {_id: 'counter', _type: 'counter', n: 0}},
      {patch: {id: 'counter', set: {n}}},
    ],
    {author: 'crash-writer'},
  )
  process.stdout.write(`ACK ${transaction.id} ${n}\n`)
}
