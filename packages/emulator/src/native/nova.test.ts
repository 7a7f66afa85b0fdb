import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../conversation/types.js';
import { nova } from './nova.js';
import {
  cachedUsage,
  ctx,
  errorOf,
  expectedMetrics,
  last,
  malformed,
  metrics,
  replyTextArbitrary,
  textReply,
  toolReply,
  usage,
} from './test-support/native-fixtures.js';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const body = {
  schemaVersion: 'messages-v1',
  system: [{ text: 'You are a travel agent.' }, { cachePoint: { type: 'default' } }],
  messages: [
    {
      role: 'user',
      content: [{ image: { format: 'png', source: { bytes: PNG } } }, { text: 'Where is this?' }],
    },
    {
      role: 'assistant',
      content: [
        { reasoningContent: { reasoningText: { text: '[REDACTED]' } } },
        { toolUse: { toolUseId: 'tooluse_1', name: 'lookup', input: { q: 'landmark' } } },
      ],
    },
    {
      role: 'user',
      content: [
        {
          toolResult: {
            toolUseId: 'tooluse_1',
            content: [{ json: { name: 'Eiffel Tower' } }],
            status: 'success',
          },
        },
        { cachePoint: { type: 'default' } },
      ],
    },
  ],
  inferenceConfig: { max_new_tokens: 300, temperature: 0.7, top_p: 0.9, top_k: 20, stopSequences: ['END'] },
  toolConfig: {
    tools: [
      { toolSpec: { name: 'lookup', description: 'Look up', inputSchema: { json: { type: 'object' } } } },
      { cachePoint: { type: 'default' } },
    ],
    toolChoice: { auto: {} },
  },
};

describe('nova decodeRequest', () => {
  it('decodes system, media, tools, tool results, reasoning and cache points', () => {
    const view = nova.decodeRequest(body);
    expect(view).toEqual({
      system: [{ kind: 'text', text: 'You are a travel agent.' }, { kind: 'cachePoint' }],
      messages: [
        {
          role: 'user',
          blocks: [
            { kind: 'image', format: 'png', bytes: 70 },
            { kind: 'text', text: 'Where is this?' },
          ],
        },
        {
          role: 'assistant',
          blocks: [
            { kind: 'reasoning', text: '[REDACTED]', signature: undefined },
            { kind: 'toolUse', toolUseId: 'tooluse_1', name: 'lookup', input: { q: 'landmark' } },
          ],
        },
        {
          role: 'user',
          blocks: [
            {
              kind: 'toolResult',
              toolUseId: 'tooluse_1',
              text: '{"name":"Eiffel Tower"}',
              status: 'success',
            },
            { kind: 'cachePoint' },
          ],
        },
      ],
      tools: ['lookup'],
      toolCachePoints: 1,
      maxTokens: 300,
      stopSequences: ['END'],
      reasoning: false,
    });
  });

  it('reads camelCase limits and the reasoning switch', () => {
    const view = nova.decodeRequest({
      messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      inferenceConfig: { maxTokens: 64, topP: 0.5 },
      reasoningConfig: { type: 'enabled', maxReasoningEffort: 'low' },
    });
    expect(view).toMatchObject({ maxTokens: 64, reasoning: true });
  });

  it('rejects what the Nova schema rejects', () => {
    expect(errorOf(() => nova.decodeRequest({ inferenceConfig: {} })).message).toBe(
      malformed('#: required key [messages] not found'),
    );
    expect(errorOf(() => nova.decodeRequest({ messages: [{ role: 'user', content: 'hi' }] })).message).toBe(
      malformed('#/messages/0/content: expected type: JSONArray, found: String'),
    );
    expect(
      errorOf(() =>
        nova.decodeRequest({
          messages: [{ role: 'user', content: [{ text: 'hi' }] }],
          max_tokens: 5,
          top_k: 1,
        }),
      ).message,
    ).toBe(malformed('2 schema violations found'));
    expect(
      errorOf(() =>
        nova.decodeRequest({
          messages: [{ role: 'user', content: [{ image: { format: 'bmp', source: {} } }] }],
        }),
      ).message,
    ).toBe(malformed('#/messages/0/content/0/image/format: bmp is not a valid enum value'));
  });
});

describe('nova encoding', () => {
  it('answers a Converse-like body with Nova’s cache counter names', () => {
    expect(nova.encodeResponse(toolReply, cachedUsage, ctx())).toEqual({
      output: {
        message: {
          role: 'assistant',
          content: [
            { text: 'Let me look that up.' },
            {
              toolUse: {
                toolUseId: 'tooluse_0000000a_0',
                name: 'get_weather',
                input: { city: 'Paris', unit: 'celsius' },
              },
            },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: {
        inputTokens: 42,
        outputTokens: 17,
        totalTokens: 989,
        cacheReadInputTokenCount: 900,
        cacheWriteInputTokenCount: 30,
      },
    });
  });

  type Chunk = Record<string, Record<string, unknown>>;

  it('streams wrapped events: start, tool block start, deltas, stops, then metadata with metrics', () => {
    const reply: Reply = {
      blocks: [{ type: 'reasoning', text: 'Hmm, checking.', signature: 'sig' }, ...toolReply.blocks],
      stopReason: 'tool_use',
    };
    const chunks = nova.encodeStream(reply, usage, metrics, ctx()) as Chunk[];
    expect(chunks[0]).toEqual({ messageStart: { role: 'assistant' } });
    expect(chunks.filter((c) => c.contentBlockStart)).toEqual([
      {
        contentBlockStart: {
          start: { toolUse: { toolUseId: 'tooluse_0000000a_0', name: 'get_weather' } },
          contentBlockIndex: 2,
        },
      },
    ]);
    const deltas = (index: number) =>
      chunks
        .filter((c) => c.contentBlockDelta?.contentBlockIndex === index)
        .map((c) => c.contentBlockDelta!.delta as Record<string, Record<string, string> | string>);
    expect(deltas(0).at(-1)).toEqual({ reasoningContent: { signature: 'sig' } });
    expect(
      deltas(1)
        .map((d) => d.text)
        .join(''),
    ).toBe('Let me look that up.');
    const pieces = deltas(2).map((d) => (d.toolUse as Record<string, string>).input);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(pieces.join(''))).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(
      chunks.filter((c) => c.contentBlockStop).map((c) => c.contentBlockStop!.contentBlockIndex),
    ).toEqual([0, 1, 2]);
    expect(chunks.at(-2)).toEqual({ messageStop: { stopReason: 'tool_use' } });
    expect(last(chunks)).toEqual({
      metadata: {
        usage: {
          inputTokens: 42,
          outputTokens: 17,
          cacheReadInputTokenCount: 0,
          cacheWriteInputTokenCount: 0,
        },
        metrics: {},
        trace: {},
      },
      'amazon-bedrock-invocationMetrics': expectedMetrics,
    });
  });

  it('re-assembles to the reply text', () => {
    fc.assert(
      fc.property(replyTextArbitrary, fc.integer({ min: 1, max: 5 }), (text, wordsPerDelta) => {
        const chunks = nova.encodeStream(textReply(text), usage, metrics, ctx({ wordsPerDelta })) as Chunk[];
        const joined = chunks
          .filter((c) => c.contentBlockDelta)
          .map((c) => (c.contentBlockDelta!.delta as { text: string }).text)
          .join('');
        expect(joined).toBe(text);
      }),
    );
  });
});
