import { describe, expect, it } from 'vitest';
import { toChatRequest, toPromptRequest } from './to-chat-request.js';
import type { MessagesBody } from './types.js';

const body = (extra: Partial<MessagesBody>): MessagesBody => ({
  model: 'claude-haiku-3',
  max_tokens: 100,
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

describe('toChatRequest (Anthropic)', () => {
  it('keeps a string system prompt and turns cache_control into cache points', () => {
    expect(toChatRequest(body({ system: 'Be brief.' })).system).toBe('Be brief.');
    expect(
      toChatRequest(
        body({
          system: [
            { type: 'text', text: 'Long rules.', cache_control: { type: 'ephemeral' } },
            { type: 'text', text: 'Today is Monday.' },
          ],
        }),
      ).system,
    ).toEqual([
      { type: 'text', text: 'Long rules.' },
      { type: 'cache-point' },
      { type: 'text', text: 'Today is Monday.' },
    ]);
    expect(toChatRequest(body({ system: '' })).system).toBeUndefined();
  });

  it('converts every content block kind', () => {
    const request = toChatRequest(
      body({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'look', cache_control: { type: 'ephemeral' } },
              { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'AAAA' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'Hmm.', signature: 'sig' },
              { type: 'redacted_thinking', data: 'opaque' },
              { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 'toolu_1',
                is_error: true,
                content: [
                  { type: 'text', text: 'failed' },
                  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'BBBB' } },
                ],
              },
              { type: 'tool_result', tool_use_id: 'toolu_2', content: 'ok' },
              { type: 'tool_result', tool_use_id: 'toolu_3' },
            ],
          },
        ],
      }),
    );
    expect(request.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'cache-point' },
          { type: 'image', format: 'jpeg', source: { type: 'base64', data: 'AAAA' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
          { type: 'redacted-reasoning', data: new Uint8Array(Buffer.from('opaque')) },
          { type: 'tool-use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool-result',
            toolUseId: 'toolu_1',
            status: 'error',
            content: [
              { type: 'text', text: 'failed' },
              { type: 'image', format: 'png', source: { type: 'base64', data: 'BBBB' } },
            ],
          },
          { type: 'tool-result', toolUseId: 'toolu_2', content: [{ type: 'text', text: 'ok' }] },
          { type: 'tool-result', toolUseId: 'toolu_3', content: [] },
        ],
      },
    ]);
  });

  it('merges consecutive same-role messages and drops empty text', () => {
    const request = toChatRequest(
      body({
        messages: [
          { role: 'user', content: 'one' },
          {
            role: 'user',
            content: [
              { type: 'text', text: '' },
              { type: 'text', text: 'two' },
            ],
          },
        ],
      }),
    );
    expect(request.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'one' },
          { type: 'text', text: 'two' },
        ],
      },
    ]);
  });

  it('refuses image URLs other than https and data', () => {
    const request = body({
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'http://10.0.0.1/x' } }] },
      ],
    });
    expect(() => toChatRequest(request)).toThrow(
      expect.objectContaining({ code: 'validation_error', path: 'messages.0.content.0.source.url' }),
    );
  });

  it('maps tools, tool_choice, thinking and generation settings', () => {
    const request = toChatRequest(
      body({
        tools: [{ name: 'f', description: 'does f', input_schema: { type: 'object' } }],
        tool_choice: { type: 'tool', name: 'f', disable_parallel_tool_use: true },
        thinking: { type: 'enabled', budget_tokens: 2048 },
        temperature: 1,
        top_p: 0.9,
        top_k: 40,
        stop_sequences: ['END', ''],
      }),
    );
    expect(request).toMatchObject({
      tools: [{ name: 'f', description: 'does f', inputSchema: { type: 'object' } }],
      toolChoice: { type: 'tool', name: 'f' },
      reasoning: { budgetTokens: 2048 },
      maxTokens: 100,
      temperature: 1,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END'],
    });
    expect(toChatRequest(body({ tool_choice: { type: 'any' } })).toolChoice).toEqual({ type: 'any' });
    expect(toChatRequest(body({ tool_choice: { type: 'none' } })).toolChoice).toEqual({ type: 'none' });
    expect(toChatRequest(body({ thinking: { type: 'disabled' } })).reasoning).toBeUndefined();
  });

  it('builds count_tokens requests without generation settings', () => {
    expect(toPromptRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
  });
});
