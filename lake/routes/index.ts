/**
 * The lake's route registry: every route module adds its routes here, one import line each.
 * The handler tries them in order; the first matching method + pattern wins.
 */
import type {Route} from '../routeTypes.ts'
import {dataRoutes} from './data.ts'
import {listenRoutes} from './listen.ts'
import {liveRoutes} from './live.ts'
import {historyRoutes} from './dataHistory.ts'
import {actionsRoutes} from './actions.ts'
import {studioRoutes} from './studio.ts'
import {exportRoutes} from './export.ts'
import {deletedDocumentsRoutes} from './deletedDocuments.ts'
import {transactionLogRoutes} from './transactionLog.ts'

export const routes: Route[] = [
  ...dataRoutes,
  ...listenRoutes,
  ...liveRoutes,
  ...historyRoutes,
  ...actionsRoutes,
  ...studioRoutes,
  ...exportRoutes,
  ...deletedDocumentsRoutes,
  ...transactionLogRoutes,
]
