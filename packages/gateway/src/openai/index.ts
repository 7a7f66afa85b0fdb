export type { CompatDeps, UsageReport } from '../compat/deps.js';
export { registerOpenAiRoutes } from './routes.js';
