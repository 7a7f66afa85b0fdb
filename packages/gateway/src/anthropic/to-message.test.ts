import type { ChatResult } from '@strata/bedrock';
import { describe, expect, it } from 'vitest';
import { toMessage } from './to-message.js';

describe('toMessage', () => {
  it('converts content, stop reason, matched stop sequence and usage', () => {
    const result = {
      message: {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
          { type: 'redacted-reasoning', data: new Uint8Array(Buffer.from('opaque')) },
          { type: 'text', text: 'Hello' },
          { type: 'tool-use', id: 'toolu_1', name: 'f', input: { a: 1 } },
        ],
      },
      stopReason: 'stop_sequence',
      additionalFields: { stop_sequence: 'END' },
      usage: {
        inputTokens: 10,
        outputTokens: 4,
        cacheReadInputTokens: 100,
        cacheWriteInputTokens: 7,
        totalTokens: 121,
      },
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0, cacheSavings: 0, currency: 'USD' },
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
    } as ChatResult;
    expect(toMessage(result, { id: 'msg_1', model: 'claude-haiku-3' })).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-3',
      content: [
        { type: 'thinking', thinking: 'Hmm.', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Hello' },
        { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
      ],
      stop_reason: 'stop_sequence',
      stop_sequence: 'END',
      usage: {
        input_tokens: 10,
        output_tokens: 4,
        cache_creation_input_tokens: 7,
        cache_read_input_tokens: 100,
      },
    });
  });
});
