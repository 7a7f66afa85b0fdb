/**
 * What Bedrock itself adds to native replies: token counts (on the last stream chunk, or as headers of
 * a non-streamed reply, whose body often has none) and the guardrail flag.
 */
import { asNumber, asRecord, type JsonRecord } from '../converse/read-json.js';
import { usageOf } from '../converse/usage.js';
import type { Usage } from '../types/events.js';

const METRICS = 'amazon-bedrock-invocationMetrics';

/**
 * `amazon-bedrock-invocationMetrics` of a stream's last chunk. The cache counts appear only when prompt
 * caching took part.
 */
export function invocationMetrics(chunk: JsonRecord): { usage: Usage; latencyMs?: number } | undefined {
  if (!(METRICS in chunk)) return undefined;
  const m = asRecord(chunk[METRICS]);
  const usage = usageOf({
    inputTokens: asNumber(m.inputTokenCount),
    outputTokens: asNumber(m.outputTokenCount),
    cacheReadInputTokens: asNumber(m.cacheReadInputTokenCount),
    cacheWriteInputTokens: asNumber(m.cacheWriteInputTokenCount),
  });
  const latencyMs = asNumber(m.invocationLatency);
  return latencyMs === undefined ? { usage } : { usage, latencyMs };
}

/** When a guardrail intervened, Bedrock sets this beside the model's own fields. */
export const guardrailIntervened = (body: JsonRecord): boolean =>
  body['amazon-bedrock-guardrailAction'] === 'INTERVENED';

/**
 * Usage from an InvokeModel response's headers (`X-Amzn-Bedrock-Input-Token-Count`…): the counts Bedrock
 * bills, present for every family. Undefined when the headers are absent.
 */
export function usageFromInvokeHeaders(
  header: (name: string) => string | null | undefined,
): Usage | undefined {
  const count = (name: string): number | undefined => {
    const value = header(`x-amzn-bedrock-${name}-token-count`);
    return value == null || value === '' ? undefined : asNumber(Number(value));
  };
  const inputTokens = count('input');
  const outputTokens = count('output');
  if (inputTokens === undefined && outputTokens === undefined) return undefined;
  return usageOf({
    inputTokens,
    outputTokens,
    cacheReadInputTokens: count('cache-read-input'),
    cacheWriteInputTokens: count('cache-write-input'),
  });
}
