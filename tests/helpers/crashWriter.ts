/**
 * Child process of the crash test: commits transactions into the lake in `argv[2]` forever and
 * prints `ACK <transactionId> <n>` after each commit. Each transaction writes two documents
 * (`pair-<n>-a`, `pair-<n>-b`) and bumps `counter`, so a partial transaction is detectable.
 * With a group size in `argv[3]`, that many transactions at a time go through `commit` (group
 * commit) and each is acknowledged when its promise resolves.
 */
import {openLake} from '../../lake/store.ts'
import type {Mutation} from '../../lake/types.ts'

/** Padding per document, so a transaction takes long enough for SIGKILL to land inside it. */
const PAYLOAD = 'x'.repeat(20_000)

const dir = process.argv[2]
if (!dir) throw new Error('usage: crashWriter.ts <dir> [group size]')
const group = Number(process.argv[3] ?? 1)
const dataset = openLake({dir}).dataset('production', {create: true})!
let n = Number(dataset.get('counter')?.n ?? 0)

function mutations(n: number): Mutation[] {
  return [
    {createOrReplace: {_id: `pair-${n}-a`, _type: 'pair', n, payload: PAYLOAD}},
    {createOrReplace: {_id: `pair-${n}-b`, _type: 'pair', n, payload: PAYLOAD}},
    {createIfNotExists: {_id: 'counter', _type: 'counter', n: 0}},
    {patch: {id: 'counter', set: {n}}},
  ]
}

for (;;) {
  if (group <= 1) {
    n += 1
    const transaction = dataset.transact(() => mutations(n), {author: 'crash-writer'})
    process.stdout.write(`ACK ${transaction.id} ${n}\n`)
    continue
  }
  const commits = Array.from({length: group}, () => {
    n += 1
    const mine = n
    return dataset.transactGrouped(() => mutations(mine), {author: 'crash-writer'}).then((transaction) => {
      process.stdout.write(`ACK ${transaction.id} ${mine}\n`)
    })
  })
  await Promise.all(commits)
}
