import type { ChatResult } from '@strata/bedrock';
import { describe, expect, it } from 'vitest';
import { toCompletion } from './to-completion.js';

const result = (
  content: ChatResult['message']['content'],
  stopReason: ChatResult['stopReason'],
): ChatResult => ({
  message: { role: 'assistant', content },
  stopReason,
  usage: {
    inputTokens: 10,
    outputTokens: 4,
    cacheReadInputTokens: 100,
    cacheWriteInputTokens: 0,
    totalTokens: 114,
  },
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0, cacheSavings: 0, currency: 'USD' },
  model: 'anthropic.claude-3-haiku-20240307-v1:0',
});

const meta = { id: 'chatcmpl-1', model: 'claude-haiku-3', created: 1 };

describe('toCompletion', () => {
  it('joins text, counts cached tokens inside prompt_tokens, and echoes the requested model', () => {
    const completion = toCompletion(
      result(
        [
          { type: 'text', text: 'Hello ' },
          { type: 'text', text: 'there' },
        ],
        'max_tokens',
      ),
      meta,
    );
    expect(completion).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'claude-haiku-3',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello there', refusal: null },
          logprobs: null,
          finish_reason: 'length',
        },
      ],
      usage: {
        prompt_tokens: 110,
        completion_tokens: 4,
        total_tokens: 114,
        prompt_tokens_details: { cached_tokens: 100 },
      },
    });
  });

  it('answers tool calls with null content and JSON arguments, thinking as reasoning_content', () => {
    const completion = toCompletion(
      result(
        [
          { type: 'reasoning', text: 'Need weather.', signature: 's' },
          { type: 'tool-use', id: 'tool_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
        'tool_use',
      ),
      meta,
    );
    expect(completion.choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      reasoning_content: 'Need weather.',
      tool_calls: [
        { id: 'tool_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });
});
