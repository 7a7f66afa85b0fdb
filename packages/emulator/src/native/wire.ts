/**
 * Pieces every native family's answer shares: the invocation metrics Bedrock appends to the last stream
 * chunk, the guardrail flag, tool input split into partial JSON, ids derived from the response id.
 */
import { createHash } from 'node:crypto';
import type { InvocationMetrics, Reply, Usage } from '../conversation/types.js';

const METRICS_KEY = 'amazon-bedrock-invocationMetrics';

/**
 * `amazon-bedrock-invocationMetrics` of a stream's last chunk. Bedrock adds the cache counts only when
 * prompt caching took part (seen on Claude streams: `cacheReadInputTokenCount`, `cacheWriteInputTokenCount`).
 */
export function invocationMetrics(usage: Usage, metrics: InvocationMetrics): Record<string, number> {
  const out: Record<string, number> = {
    inputTokenCount: usage.inputTokens,
    outputTokenCount: usage.outputTokens,
    invocationLatency: metrics.invocationLatency,
    firstByteLatency: metrics.firstByteLatency,
  };
  const read = usage.cacheReadInputTokens ?? 0;
  const write = usage.cacheWriteInputTokens ?? 0;
  if (read + write > 0) {
    out.cacheReadInputTokenCount = read;
    out.cacheWriteInputTokenCount = write;
  }
  return out;
}

/**
 * When a guardrail intervened, InvokeModel bodies (and a stream's last chunk) carry
 * `"amazon-bedrock-guardrailAction": "INTERVENED"` beside the model's own fields.
 */
export function guardrailFields(reply: Reply): Record<string, string> {
  return reply.stopReason === 'guardrail_intervened'
    ? { 'amazon-bedrock-guardrailAction': 'INTERVENED' }
    : {};
}

/** The stream's closing fields: the invocation metrics and, if it intervened, the guardrail flag. */
export function closingFields(
  reply: Reply,
  usage: Usage,
  metrics: InvocationMetrics,
): Record<string, unknown> {
  return { ...guardrailFields(reply), [METRICS_KEY]: invocationMetrics(usage, metrics) };
}

/** The reply's text blocks run together: what the text-only families answer. */
export function replyText(reply: Reply): string {
  return reply.blocks.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

const PIECE = 16;

/**
 * A tool's input as the partial JSON strings a stream sends: at least two pieces when there is
 * anything to split, and `{}` whole for a tool without arguments.
 */
export function splitJson(input: unknown): string[] {
  const json = JSON.stringify(input ?? {});
  if (json === '{}') return [json];
  const size = Math.max(1, Math.min(PIECE, Math.ceil(json.length / 2)));
  const pieces: string[] = [];
  for (let at = 0; at < json.length; at += size) pieces.push(json.slice(at, at + size));
  return pieces;
}

/** Running totals that end at `total`, one per streamed piece (Llama's `generation_token_count`). */
export function runningCounts(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.round((total * (i + 1)) / parts));
}

/** A UUID-shaped id derived from the response id, for families whose ids are UUIDs (Cohere). */
export function uuidFrom(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
