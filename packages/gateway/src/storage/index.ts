export { openStore } from './open-store.js';
export { type DatabaseTarget, databaseTarget } from './target.js';
export type * from './types.js';
