export {articleBySlugQuery} from './articleBySlugQuery.ts'
export {articlesByLanguageQuery} from './articlesByLanguageQuery.ts'
export {articlesBySourceQuery} from './articlesBySourceQuery.ts'
export {bigNumbersQuery} from './bigNumbersQuery.ts'
