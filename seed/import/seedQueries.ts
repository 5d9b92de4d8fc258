/**
 * The queries the seed runs for itself (the frontend's live in queries/). TypeGen reads this
 * file too (sanity.cli.ts), so their results are typed in sanity.types.ts, never by hand.
 */
import {defineQuery} from 'groq'

/** Every published publisher's name and aliases, as editors keep them (matchPublishers.ts). */
export const publisherNamesQuery = defineQuery('*[_type == "publisher" && !(_id in path("drafts.**"))]{_id, name, aliases}')

/** The stored documents with these ids, drafts included (importArticles.ts plans against them). */
export const storedDocumentsQuery = defineQuery('*[_id in $ids]')

/** How many documents the dataset holds (the seed bench checks that a run imported them all). */
export const documentCountQuery = defineQuery('count(*)')

/** The revision of each of these documents (transactionOutcomes.ts asks after unanswered transactions). */
export const revisionsQuery = defineQuery('*[_id in $ids]{_id, _rev}')
