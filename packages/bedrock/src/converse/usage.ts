import type { Usage } from '../types/events.js';
import { asNumber, asRecord } from './read-json.js';

export const emptyUsage = (): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheWriteInputTokens: 0,
  totalTokens: 0,
});

/**
 * Usage from its parts. Bedrock's totalTokens counts cache reads and writes too (they are input the
 * model processed), so that is the sum used when a body leaves the total out.
 */
export function usageOf(parts: Partial<Usage>): Usage {
  const inputTokens = parts.inputTokens ?? 0;
  const outputTokens = parts.outputTokens ?? 0;
  const cacheReadInputTokens = parts.cacheReadInputTokens ?? 0;
  const cacheWriteInputTokens = parts.cacheWriteInputTokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    cacheReadInputTokens,
    cacheWriteInputTokens,
    totalTokens:
      parts.totalTokens ?? inputTokens + outputTokens + cacheReadInputTokens + cacheWriteInputTokens,
  };
}

/**
 * Converse's TokenUsage. Absent counts are 0; the cache counts come as `cacheReadInputTokens` or, from
 * older Bedrock builds and Nova's native API, `cacheReadInputTokenCount` (both appear in captured replies).
 */
export function converseUsage(raw: unknown): Usage {
  const r = asRecord(raw);
  return usageOf({
    inputTokens: asNumber(r.inputTokens),
    outputTokens: asNumber(r.outputTokens),
    cacheReadInputTokens: asNumber(r.cacheReadInputTokens) ?? asNumber(r.cacheReadInputTokenCount),
    cacheWriteInputTokens: asNumber(r.cacheWriteInputTokens) ?? asNumber(r.cacheWriteInputTokenCount),
    totalTokens: asNumber(r.totalTokens),
  });
}
