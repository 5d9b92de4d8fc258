import {feedHandler, feedLanguages} from '../../../lib/feedRoute.ts'

export const generateStaticParams = feedLanguages
export const GET = feedHandler('atom')
