export { estimateCost } from './estimate-cost.js';
export { effectivePrice, type PriceRoute, REGION_PRICE_MULTIPLIERS } from './pricing.js';
