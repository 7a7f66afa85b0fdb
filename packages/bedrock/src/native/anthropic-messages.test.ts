import { describe, expect, it } from 'vitest';
import { modelInfo } from '../converse/test-support/model-info.js';
import { ValidationError } from '../errors/strata-error.js';
import { anthropicMessages } from './anthropic-messages.js';
import { conversation, metrics, streamThrough } from './test-support/conversation.js';

const model = modelInfo('anthropic-messages');
const PNG64 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]).toString('base64');

describe('anthropic-messages encode', () => {
  it('builds the Messages body: system with cache control, images, documents, tools, thinking', () => {
    const body = anthropicMessages.encodeRequest(
      conversation({
        system: [{ type: 'text', text: 'You are terse.' }, { type: 'cache-point' }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image', source: { type: 'base64', data: PNG64 } },
              { type: 'document', format: 'pdf', name: 'spec', source: { type: 'base64', data: 'JVBERg==' } },
              {
                type: 'document',
                format: 'md',
                name: 'notes',
                source: { type: 'bytes', data: Buffer.from('# Hi') },
              },
              { type: 'cache-point' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: 'Look it up.', signature: 'sig' },
              { type: 'redacted-reasoning', data: new Uint8Array(Buffer.from('opaque')) },
              { type: 'tool-use', id: 'tu1', name: 'lookup', input: { q: 'png' } },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool-result',
                toolUseId: 'tu1',
                status: 'error',
                content: [
                  { type: 'json', json: { found: false } },
                  { type: 'text', text: 'nothing' },
                ],
              },
            ],
          },
        ],
        maxTokens: 3000,
        temperature: 1,
        topK: 50,
        stopSequences: ['###'],
        tools: [{ name: 'lookup', description: 'Look things up', inputSchema: { type: 'object' } }],
        toolChoice: { type: 'auto' },
        reasoning: { budgetTokens: 2000 },
        additionalModelRequestFields: { anthropic_beta: ['interleaved-thinking-2025-05-14'] },
      }),
      model,
    );
    expect(body).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 3000,
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG64 } },
            {
              type: 'document',
              title: 'spec',
              source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERg==' },
            },
            {
              type: 'document',
              title: 'notes',
              source: { type: 'text', media_type: 'text/plain', data: '# Hi' },
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Look it up.', signature: 'sig' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'tool_use', id: 'tu1', name: 'lookup', input: { q: 'png' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'tu1',
              is_error: true,
              content: [
                { type: 'text', text: '{"found":false}' },
                { type: 'text', text: 'nothing' },
              ],
            },
          ],
        },
      ],
      temperature: 1,
      top_k: 50,
      stop_sequences: ['###'],
      tools: [{ name: 'lookup', description: 'Look things up', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto' },
      thinking: { type: 'enabled', budget_tokens: 2000 },
      anthropic_beta: ['interleaved-thinking-2025-05-14'],
    });
  });

  it('sends a plain system string, a default max_tokens above the thinking budget, and none as itself', () => {
    const body = anthropicMessages.encodeRequest(
      conversation({
        tools: [{ name: 't', inputSchema: {} }],
        toolChoice: { type: 'none' },
        reasoning: { budgetTokens: 1024 },
      }),
      model,
    );
    expect(body).toMatchObject({
      system: 'You are terse.',
      max_tokens: 4096 + 1024,
      tool_choice: { type: 'none' },
    });
    expect(body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hello.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Name a colour.' }] },
    ]);
  });

  it('names what the native API cannot take', () => {
    const path = (content: Parameters<typeof conversation>[0]) => {
      try {
        anthropicMessages.encodeRequest(conversation(content), model);
      } catch (error) {
        return (error as ValidationError).path;
      }
      return 'accepted';
    };
    expect(path({ messages: [{ role: 'user', content: [{ type: 'cache-point' }] }] })).toBe(
      'messages.0.content.0',
    );
    expect(
      path({
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', format: 'png', source: { type: 's3', uri: 's3://b/k' } }],
          },
        ],
      }),
    ).toBe('messages.0.content.0.source');
    expect(
      path({
        messages: [
          {
            role: 'user',
            content: [{ type: 'document', format: 'docx', name: 'd', source: { type: 'base64', data: '' } }],
          },
        ],
      }),
    ).toBe('messages.0.content.0.format');
    expect(() =>
      anthropicMessages.encodeRequest(
        conversation({ reasoning: { budgetTokens: 1024 } }),
        modelInfo('anthropic-messages', { reasoning: 'none' }),
      ),
    ).toThrow(ValidationError);
  });
});

describe('anthropic-messages decode', () => {
  it('decodes a reply with thinking, text and a tool call', () => {
    const reply = anthropicMessages.decodeResponse({
      id: 'msg_bdrk_1',
      type: 'message',
      role: 'assistant',
      model: 'claude',
      content: [
        { type: 'thinking', thinking: 'Hmm.', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'tu1', name: 'lookup', input: { q: 1 } },
        { type: 'server_tool_use', id: 's', name: 'web' },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        output_tokens: 20,
        cache_read_input_tokens: 100,
        cache_creation_input_tokens: 5,
      },
    });
    expect(reply).toEqual({
      message: {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
          { type: 'redacted-reasoning', data: new Uint8Array(Buffer.from('opaque')) },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-use', id: 'tu1', name: 'lookup', input: { q: 1 } },
        ],
      },
      stopReason: 'tool_use',
      usage: {
        inputTokens: 10,
        outputTokens: 20,
        cacheReadInputTokens: 100,
        cacheWriteInputTokens: 5,
        totalTokens: 135,
      },
      complete: true,
      notes: [{ kind: 'unknown-block', index: 4, member: 'server_tool_use' }],
    });
  });

  it('decodes a stream of thinking, text and a tool call, with usage from the invocation metrics', () => {
    const { result, end, events, notes } = streamThrough(anthropicMessages, [
      {
        type: 'message_start',
        message: {
          id: 'msg_bdrk_1',
          role: 'assistant',
          content: [],
          usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 100 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'm.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Check' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'ing.' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'ping' },
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'tu1', name: 'lookup', input: {} },
      },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"q"' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: ':1}' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 20 },
      },
      { type: 'message_stop', ...metrics(10, 20) },
    ]);
    expect(result.message.content).toEqual([
      { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool-use', id: 'tu1', name: 'lookup', input: { q: 1 } },
    ]);
    expect(result.stopReason).toBe('tool_use');
    expect(events.find((e) => e.type === 'tool-call')).toEqual({
      type: 'tool-call',
      index: 2,
      id: 'tu1',
      name: 'lookup',
      input: { q: 1 },
    });
    expect(end).toEqual({
      complete: true,
      usage: {
        inputTokens: 10,
        outputTokens: 20,
        cacheReadInputTokens: 100,
        cacheWriteInputTokens: 0,
        totalTokens: 130,
      },
      latencyMs: 321,
    });
    expect(notes).toEqual([]);
  });

  it('is incomplete without the invocation metrics', () => {
    const { end } = streamThrough(anthropicMessages, [
      { type: 'message_start', message: { usage: { input_tokens: 1 } } },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' } },
      { type: 'message_stop' },
    ]);
    expect(end.complete).toBe(false);
  });
});
