import { ValidationError } from '@strata/bedrock';
import { describe, expect, it } from 'vitest';
import { toChatRequest } from './to-chat-request.js';
import type { ChatCompletionBody } from './types.js';

const body = (extra: Partial<ChatCompletionBody>): ChatCompletionBody => ({
  model: 'claude-haiku-3',
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

describe('toChatRequest (OpenAI)', () => {
  it('moves system and developer messages to the system prompt, wherever they are', () => {
    const request = toChatRequest(
      body({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
          { role: 'developer', content: [{ type: 'text', text: 'Use French.' }] },
        ],
      }),
    );
    expect(request.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use French.' },
    ]);
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('takes images as data: and https: URLs and refuses other schemes', () => {
    const image = (url: string) =>
      body({
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }] }],
      });
    expect(toChatRequest(image('data:image/png;base64,AAAA')).messages[0]?.content).toEqual([
      { type: 'image', source: { type: 'url', url: 'data:image/png;base64,AAAA' } },
    ]);
    expect(toChatRequest(image('https://example.com/a.png')).messages[0]?.content[0]).toMatchObject({
      source: { url: 'https://example.com/a.png' },
    });
    expect(() => toChatRequest(image('http://127.0.0.1/a.png'))).toThrow(ValidationError);
    expect(() => toChatRequest(image('file:///etc/passwd'))).toThrow(/data: or https:/);
  });

  it('refuses images outside user messages', () => {
    const request = body({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [{ type: 'image_url', image_url: { url: 'data:,' } }] },
      ],
    });
    expect(() => toChatRequest(request)).toThrow(/messages\.1\.content\.0: only user messages/);
  });

  it('turns tool calls into tool-use blocks and tool messages into one user turn of results', () => {
    const request = toChatRequest(
      body({
        messages: [
          { role: 'user', content: 'weather in Paris and Rome?' },
          {
            role: 'assistant',
            content: '',
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
              { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
          { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'rain' }] },
        ],
      }),
    );
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool-use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool-use', id: 'call_2', name: 'get_weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool-result', toolUseId: 'call_1', content: [{ type: 'text', text: 'sunny' }] },
          { type: 'tool-result', toolUseId: 'call_2', content: [{ type: 'text', text: 'rain' }] },
        ],
      },
    ]);
  });

  it('refuses tool call arguments that are not JSON, naming the field', () => {
    const request = body({
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }],
        },
      ],
    });
    expect(() => toChatRequest(request)).toThrow(
      expect.objectContaining({ path: 'messages.1.tool_calls.0.function.arguments' }),
    );
  });

  it('maps tools and each tool_choice', () => {
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'f', description: 'does f', parameters: { type: 'object' } },
      },
      { type: 'function' as const, function: { name: 'g' } },
    ];
    expect(toChatRequest(body({ tools })).tools).toEqual([
      { name: 'f', description: 'does f', inputSchema: { type: 'object' } },
      { name: 'g', inputSchema: { type: 'object', properties: {} } },
    ]);
    const choice = (tool_choice: ChatCompletionBody['tool_choice']) =>
      toChatRequest(body({ tools, tool_choice })).toolChoice;
    expect(choice('none')).toEqual({ type: 'none' });
    expect(choice('auto')).toEqual({ type: 'auto' });
    expect(choice('required')).toEqual({ type: 'any' });
    expect(choice({ type: 'function', function: { name: 'g' } })).toEqual({ type: 'tool', name: 'g' });
    expect(choice(undefined)).toBeUndefined();
  });

  it('maps generation settings, preferring max_completion_tokens', () => {
    const request = toChatRequest(
      body({ max_tokens: 10, max_completion_tokens: 20, temperature: 0.5, top_p: 0.9, stop: 'END' }),
    );
    expect(request).toMatchObject({ maxTokens: 20, temperature: 0.5, topP: 0.9, stopSequences: ['END'] });
    expect(toChatRequest(body({ max_tokens: 10, stop: ['a', '', 'b'] }))).toMatchObject({
      maxTokens: 10,
      stopSequences: ['a', 'b'],
    });
    const nulls = toChatRequest(body({ max_tokens: null, temperature: null, top_p: null, stop: null }));
    expect(Object.keys(nulls).sort()).toEqual(['messages', 'model']);
  });

  it('maps reasoning_effort to a thinking budget', () => {
    expect(toChatRequest(body({ reasoning_effort: 'low' })).reasoning).toEqual({ budgetTokens: 1024 });
    expect(toChatRequest(body({ reasoning_effort: 'medium' })).reasoning).toEqual({ budgetTokens: 2048 });
    expect(toChatRequest(body({ reasoning_effort: 'high' })).reasoning).toEqual({ budgetTokens: 4096 });
    expect(toChatRequest(body({ reasoning_effort: 'none' })).reasoning).toBeUndefined();
  });
});
