export type { CachePolicy, PlacedCachePoint } from './plan-cache-points.js';
export { DEFAULT_MIN_CACHE_TOKENS, planCachePoints } from './plan-cache-points.js';
export type { EstimateTokens } from './prefix-tokens.js';
