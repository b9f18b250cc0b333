import type { RouteModule } from '../app-types.js';
import { authRoutes } from './auth.routes.js';
import { systemRoutes } from './system.routes.js';
import { orgRoutes } from './org.routes.js';
import { adminRoutes } from './admin.routes.js';
import { auditRoutes } from './audit.routes.js';
import { calendarRoutes } from './calendar.routes.js';
import { catalogRoutes } from './catalog.routes.js';
import { publicCatalogRoutes } from './public-catalog.routes.js';
import { casesRoutes } from './cases.routes.js';
import { exchangeRoutes } from './exchange.routes.js';
import { publicCasesRoutes } from './public-cases.routes.js';
import { publicApplicationsRoutes } from './public-applications.routes.js';
import { supervisionRoutes } from './supervision.routes.js';
import { windowRoutes } from './windows.routes.js';
import { publicSupervisionRoutes } from './public-supervision.routes.js';
import { evaluationRoutes } from './evaluation.routes.js';
import { platformRoutes } from './platform.routes.js';
import { securityRoutes } from './security.routes.js';
import { ratingRoutes } from './rating.routes.js';
import { noticesRoutes } from './notices.routes.js';
import { exportRoutes } from './export.routes.js';
import { reportRoutes } from './report.routes.js';
import { samplingRoutes } from './sampling.routes.js';
import { messagesRoutes } from './messages.routes.js';

/** Every route module, each owning its own paths. */
export const routeModules: RouteModule[] = [
  systemRoutes,
  authRoutes,
  orgRoutes,
  adminRoutes,
  auditRoutes,
  calendarRoutes,
  catalogRoutes,
  publicCatalogRoutes,
  casesRoutes,
  exchangeRoutes,
  publicCasesRoutes,
  publicApplicationsRoutes,
  supervisionRoutes,
  windowRoutes,
  publicSupervisionRoutes,
  evaluationRoutes,
  platformRoutes,
  securityRoutes,
  ratingRoutes,
  noticesRoutes,
  exportRoutes,
  reportRoutes,
  samplingRoutes,
  messagesRoutes,
];
