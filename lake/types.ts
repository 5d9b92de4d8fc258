/**
 * The contracts between the parts of the local Content Lake.
 *
 * `store.ts` implements `Lake` / `Dataset`; `listen.ts`, `historyReads.ts`, `actions/`, the HTTP
 * routes and the query layer (`query*.ts`) are written against these types only, so each part can
 * change on its own. This file imports no other file of the lake: every other file may import it.
 * What an HTTP route receives and answers is in routeTypes.ts.
 */

/** A stored document: any JSON object with Sanity's system fields. */
export interface LakeDocument {
  _id: string
  _type: string
  _rev?: string
  _createdAt?: string
  _updatedAt?: string
  [field: string]: unknown
}

/**
 * A mutation as the HTTP API accepts it (`data/mutate` body `mutations[]`):
 * `{create}`, `{createOrReplace}`, `{createIfNotExists}`, `{delete: {id} | {query, params}}`,
 * `{patch: {id} | {query, params}, ifRevisionID?, set?, setIfMissing?, unset?, inc?, dec?, insert?, diffMatchPatch?}`.
 */
export type Mutation = Record<string, unknown>

/** Who made a change: the id the listener and the transaction log report as `identity` / `author`. */
export interface Identity {
  id: string
  name: string
  /** true for tokens that may write and read drafts, versions and history. */
  canWrite: boolean
}

/** What one transaction did to one document. */
export interface DocumentChange {
  id: string
  /** `create` when `before` is null, `delete` when `after` is null, else `update`. */
  operation: 'create' | 'update' | 'delete'
  /** `_rev` of the document before this transaction; null when it did not exist. */
  previousRev: string | null
  before: LakeDocument | null
  after: LakeDocument | null
  /**
   * The mutations of this transaction that touched this document, in order, with query
   * targets resolved to this id, so that `new Mutation({mutations}).apply(before)` (from
   * `@sanity/mutator`) gives `after` (minus `_rev`/`_updatedAt`, which the receiver sets).
   */
  mutations: Mutation[]
}

/** A committed transaction, as recorded and as replayed to listeners and history. */
export interface Transaction {
  /** The transaction id; also the `_rev` of every document it wrote. */
  id: string
  /** Monotonic commit sequence number within the dataset (1, 2, 3 ...). */
  seq: number
  /** ISO 8601 timestamp, also every written document's `_updatedAt`. */
  timestamp: string
  author: string
  /** The mutations as submitted (after actions were translated into mutations). */
  mutations: Mutation[]
  changes: DocumentChange[]
}

export interface CommitOptions {
  /** Client-supplied id (`transactionId`); a random one when missing. 409 when already used. */
  transactionId?: string
  author: string
  /** Compute the result but write nothing and notify nobody. */
  dryRun?: boolean
  /** Add `_key` to array items of objects that lack one (`autoGenerateArrayKeys=true`). */
  autoGenerateArrayKeys?: boolean
  /**
   * Refuse to write system documents (`_.releases.x`): `data/mutate` may not, only the actions
   * that keep them consistent with their versions may.
   */
  refuseSystemDocuments?: boolean
}

/** Read access inside a running transaction (sees the transaction's own earlier writes). */
export interface TransactionReader {
  get(id: string): LakeDocument | null
}

/** A dataset's documents as one committed state, read one at a time (Dataset.openSnapshot). */
export interface DocumentSnapshot {
  /** The next document, as its id and its stored JSON text; null at the end (the snapshot is then closed). */
  next(): {id: string; json: string} | null
  /** Ends the read early (the reader left); nothing happens when it already ended. */
  close(): void
}

/** A change the log records, without its documents (`Dataset.changeHeads`). */
export type ChangeHead = Pick<DocumentChange, 'id' | 'operation' | 'previousRev'> & {
  seq: number
  /** The transaction's id, time and author. */
  transactionId: string
  timestamp: string
  author: string
}

/** A document deleted by a transaction of the log (`Dataset.deletions`). */
export interface Deletion {
  id: string
  /** The deleting transaction's id, time and author. */
  transactionId: string
  timestamp: string
  author: string
  /** The document just before it was deleted, read only when asked for. */
  before(): LakeDocument | null
}

export interface HistoryQuery {
  /** Only transactions that touched one of these document ids. */
  ids?: string[]
  /** Inclusive bounds by transaction id. */
  fromTransaction?: string
  toTransaction?: string
  /** Inclusive bounds by ISO time. */
  fromTime?: string
  toTime?: string
  authors?: string[]
  reverse?: boolean
  limit?: number
}

/** Which documents a read sees; perspective.ts parses and applies it. */
export type Perspective = (
  /** `hideVersions`: API versions before 2025-02-19 do not see release versions at all. */
  | {kind: 'raw'; hideVersions?: boolean}
  | {kind: 'published'}
  /** `releases` in priority order, then the draft when `drafts`, then the published document. */
  | {kind: 'stack'; releases: string[]; drafts: boolean}
) & {
  /**
   * Anonymous callers: documents with a dot in their id (drafts, versions, releases, private
   * paths) do not exist for them, whatever the perspective, as on a public hosted dataset.
   */
  publicOnly?: boolean
}

/** A field test of a filter: the field at `path` equals (or, as a member, holds) one of `values`. */
export interface FieldConstraint {
  path: string[]
  values: Array<string | number>
}

/** What a filter requires (queryConstraints.ts reads them out of GROQ; the store narrows by them). */
export interface Constraints {
  /** Allowed `_type` values (intersection of all type conjuncts). */
  types?: string[]
  /** Allowed `_id` values (as the perspective shows them). */
  ids?: string[]
  fields: FieldConstraint[]
  /** `value in path` conjuncts: the array at `path` holds one of `values` (set only when present). */
  members?: FieldConstraint[]
  /** `defined(path)` conjuncts: the field at `path` holds a value other than null (set only when present). */
  defined?: string[][]
  /** True when the constraints say exactly what the filter says (every conjunct is a type, id or member test, a plain field equal to strings, or defined() of one). */
  exact: boolean
}

/**
 * An `order(key) [0...limit]` that may be answered from an index; without `path`, the first
 * `limit` rows in dataset order (only valid for exact constraints).
 */
export interface OrderHint {
  path?: string[]
  descending?: boolean
  limit: number
}

/** An index a query could have used. */
export interface IndexWish {
  kind: 'field' | 'order' | 'member'
  path: string[]
}

/**
 * What a query reads from a dataset: the lake's own dataset, or a query worker's read-only
 * connection to it (store/readDataset.ts). The store answers in SQL; the query layer knows only this.
 */
export interface QueryableDataset {
  readonly name: string
  /** The current document, or null. */
  get(id: string): LakeDocument | null
  getMany(ids: string[]): Array<LakeDocument | null>
  /**
   * A superset of the documents matching `constraints` under `perspective`, in dataset order (the
   * order of a full scan), so that groq-js over them computes what it computes over everything.
   * `order` only for perspectives that keep documents as stored (raw, published).
   */
  candidates(perspective: Perspective, constraints: Constraints, order?: OrderHint): LakeDocument[]
  /**
   * The documents of `candidates` without an order, read one at a time while iterated: for scans
   * that keep few of them (a filter evaluated chunk by chunk, `text::query()`).
   */
  eachCandidate(perspective: Perspective, constraints: Constraints): Iterable<LakeDocument>
  /** The exact number of documents matching exact `constraints` (raw or published perspective). */
  countMatches(perspective: Perspective, constraints: Constraints): number
}

/**
 * The documents a mutation's query (`delete`/`patch` by query) reads inside a transaction,
 * its own pending writes included.
 */
export interface TransactionDocuments {
  /** Documents that may match `constraints` (a superset), as the transaction sees them. */
  candidates(constraints: Constraints): LakeDocument[]
  /** Every document, as the transaction sees it. */
  all(): LakeDocument[]
}

/** Resolves a mutation's query to the ids of the documents it returns (queryIds.ts). */
export type QueryIdsResolver = (documents: TransactionDocuments, query: string, params: Record<string, unknown>) => string[]

export interface Dataset extends QueryableDataset {
  /** The dataset's SQLite file, which query workers open read-only. */
  readonly file: string
  /** Whether the document exists now (its JSON is not read). */
  exists(id: string): boolean
  /**
   * The one way to write: runs `plan` inside one SQLite transaction, committed on its own. `plan`
   * reads through `reader` and returns the mutations to apply (`() => mutations` when it reads
   * nothing); they are applied atomically and recorded as one transaction. If `plan` throws,
   * nothing is written.
   * @throws LakeError 409 (`mutationError`) on a failed `ifRevisionID`, an existing id on `create`,
   * a patch of a missing document, a reused transaction id; 400 on malformed mutations.
   */
  transact(plan: (reader: TransactionReader) => Mutation[], options: CommitOptions): Transaction
  /**
   * `transact` for concurrent writers (HTTP): transactions queued in the same event-loop turn are
   * made durable by one shared SQLite commit (group commit), each still its own transaction (own
   * id, seq, `_rev`, listener event, in queue order). Resolves only once the commit is durable.
   * Rejects like `transact` throws; one transaction's failure leaves the others of its group alone.
   */
  transactGrouped(plan: (reader: TransactionReader) => Mutation[], options: CommitOptions): Promise<Transaction>
  /**
   * `listener` is called after every committed transaction, in commit order; `closed` when the
   * dataset closes (deleted, or the lake stopped), after the writes queued before. Returns an
   * unsubscribe function.
   */
  subscribe(listener: (transaction: Transaction) => void, closed?: () => void): () => void
  /** Committed transactions matching `query`, oldest first unless `reverse`. */
  transactions(query: HistoryQuery): Transaction[]
  /**
   * Every deletion in the log, newest first, read as it is iterated: no document is read but the
   * `before` asked for, so a caller that stops early reads only the deletions it walked.
   */
  deletions(): Iterable<Deletion>
  /**
   * The changes to the published id `family`, its draft and its versions (of any release, gone
   * ones too), oldest first, as the log records them: what changed and how, never the documents,
   * so a long history is read without reading its revisions.
   */
  changeHeads(family: string): ChangeHead[]
  /** The document as it was after transaction `revision`, or at `time`; null if it did not exist then. */
  documentAt(id: string, at: {revision: string} | {time: string}): LakeDocument | null
  /** Every current document, streamed (used when no index narrows a query). */
  scan(filter?: {types?: string[]; ids?: string[]; idPrefixes?: string[]}): Iterable<LakeDocument>
  /**
   * The current documents (of `types`, when given; published ones only with `publishedOnly`) as one
   * committed state, in id order, read a row at a time while writes go on: for a download that may
   * outlast many writes (data/export).
   */
  openSnapshot(filter?: {types?: string[]; publishedOnly?: boolean}): DocumentSnapshot
  /** Number of documents. */
  count(): number
  /** The newest transaction's sequence number (0 before the first). */
  lastSeq(): number
  /** The id of the transaction with sequence number `seq`, or null. */
  transactionIdAt(seq: number): string | null
  /**
   * Creates the wished-for indexes the dataset does not have, within the lake's bound; the query
   * route asks for token holders' queries only. Returns the names of the indexes made.
   */
  ensureIndexes(wishes: IndexWish[]): string[]
}

export interface Lake {
  /** The dataset, created on first use when `create` is true; null when it does not exist. */
  dataset(name: string, options?: {create?: boolean}): Dataset | null
  datasets(): string[]
  /** Deletes a dataset and its file; false when it did not exist. */
  deleteDataset(name: string): boolean
  /**
   * Calls `opened` with each dataset open now and each one opened (or made) later, until the
   * returned function is called: for what watches every dataset's writes (the scheduler).
   */
  watchDatasets(opened: (dataset: Dataset) => void): () => void
  /** The lake's data directory (its datasets, token, and the Studio's settings in studio.db). */
  readonly dir: string
  close(): void
}

/** What a query worker needs to run one query: the dataset's file (null: no dataset yet) and the query. */
export interface QueryJob {
  id: number
  file: string | null
  dataset: string
  query: string
  params: Record<string, unknown>
  perspective: Perspective
  timeoutMs: number
  projectId: string
  /** `resultSourceMap` as asked (`true`, `withKeyArraySelector`), or null for none. */
  sourceMap: string | null
}

/** What a query answers besides its result: the JSON texts the response splices in. */
export interface QueryAnswer {
  /** The result as JSON text. */
  json: string
  /** What the result depends on (syncTags.ts). */
  syncTags: string[]
  /** The Content Source Map as JSON text, when asked for. */
  sourceMap?: string
}

/** Runs queries off the main thread (queryPool.ts). */
export interface QueryRunner {
  /** @throws LakeError as the query would (400, 429 when too many anonymous queries wait). */
  run(job: Omit<QueryJob, 'id'>, options: {anonymous: boolean}): Promise<QueryAnswer>
}
