export type { CompatDeps, UsageReport } from '../compat/deps.js';
export { registerAnthropicRoutes } from './routes.js';
