import type { ChatEvent, Cost } from '@strata/bedrock';
import { describe, expect, it } from 'vitest';
import { AnthropicEventEncoder } from './event-encoder.js';
import type { StreamEvent } from './types.js';

const cost: Cost = {
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  total: 0,
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
const meta = { id: 'msg_1', model: 'claude-haiku-3' };

const encode = (events: ChatEvent[]): StreamEvent[] => {
  const encoder = new AnthropicEventEncoder(meta);
  return [...events.flatMap((event) => encoder.push(event)), ...encoder.end()];
};

describe('AnthropicEventEncoder', () => {
  it('frames a text reply as Anthropic does, with the usage in message_delta', () => {
    expect(
      encode([
        { type: 'message-start', role: 'assistant', model: 'anthropic.claude-3-haiku' },
        { type: 'text-delta', index: 0, text: '' },
        { type: 'text-delta', index: 0, text: 'Hi' },
        { type: 'content-block-stop', index: 0 },
        { type: 'message-stop', stopReason: 'stop_sequence', additionalFields: { stop_sequence: 'END' } },
        { type: 'usage', usage, cost },
      ]),
    ).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-haiku-3',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' },
        usage: {
          input_tokens: 10,
          output_tokens: 5,
          cache_creation_input_tokens: 2,
          cache_read_input_tokens: 3,
        },
      },
      { type: 'message_stop' },
    ]);
  });

  it('streams thinking with its signature, then tool input fragments, renumbering blocks by position', () => {
    const events = encode([
      { type: 'message-start', role: 'assistant', model: 'm' },
      { type: 'reasoning-delta', index: 0, text: 'Hmm.' },
      { type: 'reasoning-delta', index: 0, signature: 'sig' },
      { type: 'content-block-stop', index: 0 },
      { type: 'tool-call-start', index: 2, id: 'toolu_1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 2, id: 'toolu_1', partialJson: '{"city":' },
      { type: 'tool-call-delta', index: 2, id: 'toolu_1', partialJson: '"Paris"}' },
      { type: 'tool-call', index: 2, id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'content-block-stop', index: 2 },
      { type: 'message-stop', stopReason: 'tool_use' },
      { type: 'usage', usage, cost },
    ]);
    expect(events.slice(1, -2)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
      },
      { type: 'content_block_stop', index: 1 },
    ]);
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use', stop_sequence: null } });
  });

  it('sends a tool input whole when no fragments came, and redacted thinking as one block', () => {
    const events = encode([
      { type: 'reasoning-delta', index: 0, redacted: new Uint8Array(Buffer.from('opa')) },
      { type: 'reasoning-delta', index: 0, redacted: new Uint8Array(Buffer.from('que')) },
      { type: 'content-block-stop', index: 0 },
      { type: 'tool-call', index: 1, id: 'toolu_1', name: 'f', input: { a: 1 } },
      { type: 'content-block-stop', index: 1 },
      { type: 'message-stop', stopReason: 'tool_use' },
    ]);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'redacted_thinking', data: 'opaque' },
    });
    expect(events[3]).toMatchObject({
      index: 1,
      content_block: { type: 'tool_use', id: 'toolu_1', name: 'f' },
    });
    expect(events[4]).toMatchObject({ delta: { type: 'input_json_delta', partial_json: '{"a":1}' } });
  });

  it('closes open blocks and the message when the stream ends without usage', () => {
    const events = encode([{ type: 'text-delta', index: 0, text: 'Hi' }]);
    expect(events.slice(-3)).toEqual([
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
      { type: 'message_stop' },
    ]);
  });

  it('calls filtered and guardrail stops a refusal', () => {
    for (const stopReason of ['content_filtered', 'guardrail_intervened'] as const) {
      expect(encode([{ type: 'message-stop', stopReason }]).at(-2)).toMatchObject({
        delta: { stop_reason: 'refusal' },
      });
    }
  });
});
