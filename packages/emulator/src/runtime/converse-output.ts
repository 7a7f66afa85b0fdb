import { splitIntoDeltas } from '../conversation/deltas.js';
import type { Reply, ReplyBlock, Usage } from '../conversation/types.js';

type Json = Record<string, unknown>;

export function converseUsage(usage: Usage): Json {
  const read = usage.cacheReadInputTokens ?? 0;
  const write = usage.cacheWriteInputTokens ?? 0;
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: usage.inputTokens + usage.outputTokens + read + write,
    // Real responses carry both spellings (see shared/fixtures/bedrock/vercel-ai/bedrock-text.json).
    cacheReadInputTokens: read,
    cacheWriteInputTokens: write,
    cacheReadInputTokenCount: read,
    cacheWriteInputTokenCount: write,
  };
}

export function converseBlock(block: ReplyBlock): Json {
  switch (block.type) {
    case 'text':
      return { text: block.text };
    case 'toolUse':
      return { toolUse: { toolUseId: block.toolUseId, name: block.name, input: block.input } };
    case 'reasoning':
      return { reasoningContent: { reasoningText: { text: block.text, signature: block.signature } } };
    case 'redactedReasoning':
      return { reasoningContent: { redactedContent: block.data } };
  }
}

/** The Converse response body. */
/**
 * The guardrail trace Bedrock adds when a request's guardrailConfig asks for one (`trace: enabled`):
 * the assessments keyed by guardrail id, and why it acted when the reply was stopped.
 */
export function guardrailTrace(input: Json, reply: Reply): Json | undefined {
  const config = input.guardrailConfig as { guardrailIdentifier?: string; trace?: string } | undefined;
  if (!config || (config.trace !== 'enabled' && config.trace !== 'enabled_full')) return undefined;
  const id = String(config.guardrailIdentifier ?? 'guardrail');
  const intervened = reply.stopReason === 'guardrail_intervened';
  return {
    guardrail: {
      inputAssessment: {
        [id]: intervened
          ? { contentPolicy: { filters: [{ type: 'MISCONDUCT', confidence: 'HIGH', action: 'BLOCKED' }] } }
          : {},
      },
      ...(intervened ? { actionReason: 'Guardrail blocked.' } : {}),
    },
  };
}

export function converseBody(reply: Reply, usage: Usage, latencyMs: number, trace?: Json): Json {
  return {
    output: { message: { role: 'assistant', content: reply.blocks.map(converseBlock) } },
    stopReason: reply.stopReason,
    usage: converseUsage(usage),
    metrics: { latencyMs },
    ...(trace ? { trace } : {}),
  };
}

/** Real Bedrock pads stream events with a random-length `p` field against traffic analysis. */
const PAD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const pad = (n: number): string => PAD.slice(0, 1 + ((n * 7) % PAD.length));

/** Splits tool input JSON into partial strings, as Bedrock streams them (`{}` arrives as ""). */
export function toolInputPartials(input: unknown): string[] {
  const json = JSON.stringify(input ?? {});
  if (json === '{}') return [''];
  const size = Math.max(1, Math.ceil(json.length / 3));
  const parts: string[] = [];
  for (let i = 0; i < json.length; i += size) parts.push(json.slice(i, i + size));
  return parts;
}

/** The ConverseStream events, in order, as [event type, payload]. */
export function converseStreamEvents(
  reply: Reply,
  usage: Usage,
  latencyMs: number,
  wordsPerDelta: number,
  trace?: Json,
): [string, Json][] {
  const events: [string, Json][] = [['messageStart', { role: 'assistant' }]];
  for (const [index, block] of reply.blocks.entries()) {
    const delta = (d: Json) => events.push(['contentBlockDelta', { contentBlockIndex: index, delta: d }]);
    switch (block.type) {
      case 'text':
        for (const text of splitIntoDeltas(block.text, wordsPerDelta)) delta({ text });
        break;
      case 'toolUse':
        events.push([
          'contentBlockStart',
          { contentBlockIndex: index, start: { toolUse: { toolUseId: block.toolUseId, name: block.name } } },
        ]);
        for (const input of toolInputPartials(block.input)) delta({ toolUse: { input } });
        break;
      case 'reasoning':
        for (const text of splitIntoDeltas(block.text, wordsPerDelta)) delta({ reasoningContent: { text } });
        delta({ reasoningContent: { signature: block.signature } });
        break;
      case 'redactedReasoning':
        delta({ reasoningContent: { redactedContent: block.data } });
        break;
    }
    events.push(['contentBlockStop', { contentBlockIndex: index }]);
  }
  events.push(['messageStop', { stopReason: reply.stopReason }]);
  events.push([
    'metadata',
    { usage: converseUsage(usage), metrics: { latencyMs }, ...(trace ? { trace } : {}) },
  ]);
  return events.map(([type, payload], i) => [type, { ...payload, p: pad(i) }]);
}
