import type { RouteModule } from '../app-types.js';

export const casesRoutes: RouteModule = () => {};
