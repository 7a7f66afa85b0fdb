import type { ModelInfo, Price, RegistryModel } from '../models/model-info.js';
import type { Cost, Usage } from '../types/events.js';
import { effectivePrice, round9 } from './pricing.js';

const PER_MILLION = 1_000_000;

// Anthropic's prompt-caching rates, used for a Claude model whose registry entry carries none (e.g. 3.5 Sonnet
// v2 from the caching preview): reads at 10% of the input price, 5-minute writes at 125%.
const ANTHROPIC_CACHE_READ = 0.1;
const ANTHROPIC_CACHE_WRITE = 1.25;

/**
 * What a call cost, split as the AWS bill is. Bedrock reports `inputTokens` without the cached ones, so each
 * count is billed once at its own rate; token counts that are negative or not finite count as zero.
 *
 * A ModelInfo already carries the price of its region and route (ModelResolver applied them), so `region` is
 * used only with a RegistryModel, whose us-east-1 price it adjusts (see REGION_PRICE_MULTIPLIERS). Without
 * cache rates a Claude model pays Anthropic's ratios and any other model its input rate. `cacheSavings` is what
 * the cache reads saved against paying the full input price for them. Every figure is rounded to 1e-9 USD.
 */
export function estimateCost(
  usage: Pick<Usage, 'inputTokens' | 'outputTokens'> & Partial<Usage>,
  model: ModelInfo | RegistryModel,
  region?: string,
): Cost {
  const price =
    'invokeId' in model ? model.price : effectivePrice(model.price, { region: region ?? 'us-east-1' });
  const rates = withCacheRates(price, model.family);
  const cacheReadTokens = tokens(usage.cacheReadInputTokens);
  const input = round9((tokens(usage.inputTokens) * rates.input) / PER_MILLION);
  const output = round9((tokens(usage.outputTokens) * rates.output) / PER_MILLION);
  const cacheRead = round9((cacheReadTokens * rates.cacheRead) / PER_MILLION);
  const cacheWrite = round9((tokens(usage.cacheWriteInputTokens) * rates.cacheWrite) / PER_MILLION);
  return {
    input,
    output,
    cacheRead,
    cacheWrite,
    total: round9(input + output + cacheRead + cacheWrite),
    cacheSavings: round9((cacheReadTokens * Math.max(0, rates.input - rates.cacheRead)) / PER_MILLION),
    currency: 'USD',
  };
}

function withCacheRates(price: Price, family: ModelInfo['family']): Required<Price> {
  const anthropic = family === 'anthropic-messages' || family === 'claude-text';
  return {
    input: price.input,
    output: price.output,
    cacheRead: price.cacheRead ?? (anthropic ? price.input * ANTHROPIC_CACHE_READ : price.input),
    cacheWrite: price.cacheWrite ?? (anthropic ? price.input * ANTHROPIC_CACHE_WRITE : price.input),
  };
}

function tokens(count: number | undefined): number {
  return count !== undefined && Number.isFinite(count) && count > 0 ? count : 0;
}
