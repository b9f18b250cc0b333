import type { RouteModule } from '../app-types.js';

export const publicCasesRoutes: RouteModule = () => {};
