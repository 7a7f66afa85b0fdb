export type { Diagnostic, PreflightPolicy } from './context.js';
export { preflight } from './preflight.js';
