import type { ChatEvent, Cost } from '@strata/bedrock';
import { describe, expect, it } from 'vitest';
import { ChunkEncoder } from './chunk-encoder.js';
import type { ChatCompletionChunk } from './types.js';

const meta = { id: 'chatcmpl-1', model: 'claude-haiku-3', created: 1_700_000_000 };
const cost: Cost = {
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  total: 0.001,
  cacheSavings: 0,
  currency: 'USD',
};
const usage = {
  inputTokens: 10,
  outputTokens: 5,
  cacheReadInputTokens: 3,
  cacheWriteInputTokens: 2,
  totalTokens: 20,
};

const encode = (events: ChatEvent[], includeUsage = false): ChatCompletionChunk[] => {
  const encoder = new ChunkEncoder({ ...meta, includeUsage });
  return events.flatMap((event) => encoder.push(event));
};

const deltas = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta);

describe('ChunkEncoder', () => {
  it('puts the role in the first delta, then content, then the finish reason', () => {
    const chunks = encode([
      { type: 'message-start', role: 'assistant', model: 'anthropic.claude-3-haiku' },
      { type: 'text-delta', index: 0, text: 'Hello' },
      { type: 'text-delta', index: 0, text: '' },
      { type: 'text-delta', index: 0, text: ' world' },
      { type: 'content-block-stop', index: 0 },
      { type: 'message-stop', stopReason: 'end_turn' },
      { type: 'usage', usage, cost },
    ]);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hello' },
      { content: ' world' },
      {},
    ]);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([null, null, null, 'stop']);
    expect(chunks[0]).toMatchObject({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      model: 'claude-haiku-3',
    });
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('numbers tool calls by their order and streams arguments as fragments', () => {
    const chunks = encode([
      { type: 'message-start', role: 'assistant', model: 'm' },
      { type: 'text-delta', index: 0, text: 'Checking.' },
      { type: 'tool-call-start', index: 1, id: 'tool_a', name: 'get_weather' },
      { type: 'tool-call-delta', index: 1, id: 'tool_a', partialJson: '{"city":' },
      { type: 'tool-call-delta', index: 1, id: 'tool_a', partialJson: '"Paris"}' },
      { type: 'tool-call', index: 1, id: 'tool_a', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool-call-start', index: 2, id: 'tool_b', name: 'get_time' },
      { type: 'tool-call', index: 2, id: 'tool_b', name: 'get_time', input: {} },
      { type: 'message-stop', stopReason: 'tool_use' },
    ]);
    expect(deltas(chunks).slice(2)).toEqual([
      {
        tool_calls: [
          { index: 0, id: 'tool_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      {
        tool_calls: [
          { index: 1, id: 'tool_b', type: 'function', function: { name: 'get_time', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      {},
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('sends a tool call whole when it arrives without a start', () => {
    const chunks = encode([{ type: 'tool-call', index: 0, id: 't', name: 'f', input: { a: 1 } }]);
    expect(deltas(chunks)).toEqual([
      {
        role: 'assistant',
        tool_calls: [{ index: 0, id: 't', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
      },
    ]);
  });

  it('maps every stop reason', () => {
    const finish = (stopReason: Extract<ChatEvent, { type: 'message-stop' }>['stopReason']) =>
      encode([{ type: 'message-stop', stopReason }])[0]?.choices[0]?.finish_reason;
    expect(finish('end_turn')).toBe('stop');
    expect(finish('stop_sequence')).toBe('stop');
    expect(finish('tool_use')).toBe('tool_calls');
    expect(finish('max_tokens')).toBe('length');
    expect(finish('content_filtered')).toBe('content_filter');
    expect(finish('guardrail_intervened')).toBe('content_filter');
  });

  it('passes thinking as reasoning_content and drops signatures and redacted thinking', () => {
    const chunks = encode([
      { type: 'reasoning-delta', index: 0, text: 'Hmm.' },
      { type: 'reasoning-delta', index: 0, signature: 'sig' },
      { type: 'reasoning-delta', index: 1, redacted: new Uint8Array([1]) },
    ]);
    expect(deltas(chunks)).toEqual([{ role: 'assistant', reasoning_content: 'Hmm.' }]);
  });

  it('with includeUsage, has usage: null on every chunk and ends with a usage chunk without choices', () => {
    const chunks = encode(
      [
        { type: 'message-start', role: 'assistant', model: 'm' },
        { type: 'text-delta', index: 0, text: 'Hi' },
        { type: 'message-stop', stopReason: 'end_turn' },
        { type: 'usage', usage, cost },
      ],
      true,
    );
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: meta.created,
      model: 'claude-haiku-3',
      choices: [],
      usage: {
        prompt_tokens: 15,
        completion_tokens: 5,
        total_tokens: 20,
        prompt_tokens_details: { cached_tokens: 3 },
      },
    });
  });
});
