import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../conversation/types.js';
import { anthropicMessages } from './anthropic-messages.js';
import { anthropicModelName } from './anthropic-wire.js';
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
const PREFIX = '#: subject must not be valid against schema {"required":["messages"]}';

const body = {
  anthropic_version: 'bedrock-2023-05-31',
  anthropic_beta: ['token-efficient-tools-2025-02-19'],
  max_tokens: 1024,
  system: [
    { type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } },
    { type: 'text', text: 'Answer in English.' },
  ],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
        {
          type: 'document',
          source: { type: 'text', media_type: 'text/plain', data: 'hello' },
          title: 'notes',
        },
        { type: 'text', text: 'What is the weather in Paris?', cache_control: { type: 'ephemeral' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Need the tool.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'tool_use', id: 'toolu_bdrk_01', name: 'get_weather', input: { city: 'Paris' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_bdrk_01', content: [{ type: 'text', text: '18°C' }] },
        { type: 'tool_result', tool_use_id: 'toolu_bdrk_02', content: 'timeout', is_error: true },
      ],
    },
    { role: 'assistant', content: 'It is 18°C.' },
    { role: 'user', content: 'Thanks' },
  ],
  temperature: 0.2,
  top_k: 40,
  stop_sequences: ['###'],
  tools: [
    {
      name: 'get_weather',
      description: 'Weather by city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      cache_control: { type: 'ephemeral' },
    },
    { type: 'bash_20250124', name: 'bash' },
  ],
  tool_choice: { type: 'auto' },
  thinking: { type: 'enabled', budget_tokens: 2048 },
};

describe('anthropic-messages decodeRequest', () => {
  it('decodes a multi-turn body with system, media, tools, thinking and cache points', () => {
    const view = anthropicMessages.decodeRequest(structuredClone(body));
    expect(view.system).toEqual([
      { kind: 'text', text: 'You are terse.' },
      { kind: 'cachePoint' },
      { kind: 'text', text: 'Answer in English.' },
    ]);
    expect(view.messages[0]).toEqual({
      role: 'user',
      blocks: [
        { kind: 'image', format: 'png', bytes: 70 },
        { kind: 'document', format: 'txt', name: 'notes', bytes: 5 },
        { kind: 'text', text: 'What is the weather in Paris?' },
        { kind: 'cachePoint' },
      ],
    });
    expect(view.messages[1]!.blocks).toEqual([
      { kind: 'reasoning', text: 'Need the tool.', signature: 'sig-1' },
      { kind: 'reasoning', text: '' },
      { kind: 'toolUse', toolUseId: 'toolu_bdrk_01', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(view.messages[2]!.blocks).toEqual([
      { kind: 'toolResult', toolUseId: 'toolu_bdrk_01', text: '18°C', status: 'success' },
      { kind: 'toolResult', toolUseId: 'toolu_bdrk_02', text: 'timeout', status: 'error' },
    ]);
    expect(view.messages.slice(3)).toEqual([
      { role: 'assistant', blocks: [{ kind: 'text', text: 'It is 18°C.' }] },
      { role: 'user', blocks: [{ kind: 'text', text: 'Thanks' }] },
    ]);
    expect(view).toMatchObject({
      tools: ['get_weather', 'bash'],
      toolCachePoints: 1,
      maxTokens: 1024,
      stopSequences: ['###'],
      reasoning: true,
    });
  });

  it('takes a plain string system prompt and treats disabled thinking as no reasoning', () => {
    const view = anthropicMessages.decodeRequest({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'hi' }],
      thinking: { type: 'disabled' },
    });
    expect(view.system).toEqual([{ kind: 'text', text: 'Be brief.' }]);
    expect(view.reasoning).toBe(false);
    expect(view.stopSequences).toEqual([]);
  });

  const reject = (changes: Record<string, unknown>, drop: string[] = []) => {
    const broken: Record<string, unknown> = { ...structuredClone(body), ...changes };
    for (const key of drop) delete broken[key];
    return errorOf(() => anthropicMessages.decodeRequest(broken)).message;
  };

  it('rejects a missing max_tokens the way Bedrock words it', () => {
    expect(reject({}, ['max_tokens'])).toBe(malformed(`${PREFIX}#: required key [max_tokens] not found`));
  });

  it('runs several violations together after the messages-branch prefix', () => {
    expect(reject({ inferenceConfig: {}, toolConfig: {} }, ['max_tokens', 'anthropic_version'])).toBe(
      malformed(
        `${PREFIX}#: required key [max_tokens] not found#: required key [anthropic_version] not found` +
          '#: extraneous key [inferenceConfig] is not permitted#: extraneous key [toolConfig] is not permitted',
      ),
    );
  });

  it('rejects wrong types, unknown blocks, unknown thinking types and null betas', () => {
    expect(reject({ messages: [{ role: 'user', content: 5 }] })).toBe(
      malformed(`${PREFIX}#/messages/0/content: expected type: String, found: Integer`),
    );
    expect(reject({ messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] })).toBe(
      malformed(`${PREFIX}#/messages/0/content/0/type: video is not a valid enum value`),
    );
    expect(reject({ thinking: { type: 'adaptive' } })).toBe(
      malformed(`${PREFIX}#/thinking/type: adaptive is not a valid enum value`),
    );
    expect(reject({ anthropic_beta: null })).toBe(
      malformed(`${PREFIX}#/anthropic_beta: expected type: JSONArray, found: Null`),
    );
    expect(reject({ messages: [{ role: 'system', content: 'x' }] })).toBe(
      malformed(`${PREFIX}#/messages/0/role: system is not a valid enum value`),
    );
    expect(reject({ top_n: 1 })).toBe(malformed(`${PREFIX}#: extraneous key [top_n] is not permitted`));
  });

  it('judges a body without messages as a text completion, as Bedrock does', () => {
    expect(errorOf(() => anthropicMessages.decodeRequest({ input: 'hi' })).message).toBe(
      malformed(
        '#: required key [prompt] not found#: required key [max_tokens_to_sample] not found#: extraneous key [input] is not permitted',
      ),
    );
    expect(
      errorOf(() =>
        anthropicMessages.decodeRequest({ prompt: '\n\nHuman: hi\n\nAssistant:', max_tokens_to_sample: 9 }),
      ).message,
    ).toBe(malformed('#: required key [messages] not found'));
  });

  it('requires input_schema on custom tools only', () => {
    expect(reject({ tools: [{ name: 'lookup' }] })).toBe(
      malformed(`${PREFIX}#/tools/0: required key [input_schema] not found`),
    );
  });

  it('rejects an unknown anthropic_version with Bedrock’s own message', () => {
    const error = errorOf(() =>
      anthropicMessages.decodeRequest({ ...body, anthropic_version: 'claude-3-sonnet-20240229-v1:0' }),
    );
    expect(error).toEqual({
      status: 400,
      type: 'ValidationException',
      message: 'Invalid API version: claude-3-sonnet-20240229-v1:0',
    });
  });
});

describe('anthropic-messages encodeResponse', () => {
  it('answers Anthropic’s message object with Bedrock’s id and Anthropic’s model name', () => {
    const reply: Reply = {
      blocks: [
        { type: 'reasoning', text: 'thinking', signature: 'sig' },
        { type: 'redactedReasoning', data: 'opaque' },
        ...toolReply.blocks,
      ],
      stopReason: 'tool_use',
    };
    expect(anthropicMessages.encodeResponse(reply, cachedUsage, ctx())).toEqual({
      id: 'msg_bdrk_0000000a',
      type: 'message',
      role: 'assistant',
      model: 'claude-3-5-sonnet-20241022',
      content: [
        { type: 'thinking', thinking: 'thinking', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Let me look that up.' },
        {
          type: 'tool_use',
          id: 'tooluse_0000000a_0',
          name: 'get_weather',
          input: { city: 'Paris', unit: 'celsius' },
        },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 42,
        cache_creation_input_tokens: 30,
        cache_read_input_tokens: 900,
        output_tokens: 17,
      },
    });
  });

  it('names the stop sequence that ended the reply', () => {
    const body = anthropicMessages.encodeResponse(
      textReply('x', 'stop_sequence'),
      usage,
      ctx({ stopSequence: '###' }),
    );
    expect(body).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: '###' });
  });

  it('keeps end_turn and flags the body when a guardrail intervened', () => {
    const body = anthropicMessages.encodeResponse(textReply('blocked', 'guardrail_intervened'), usage, ctx());
    expect(body).toMatchObject({ stop_reason: 'end_turn', 'amazon-bedrock-guardrailAction': 'INTERVENED' });
  });

  it('derives the model name from profile ids and ARNs', () => {
    expect(anthropicModelName('us.anthropic.claude-haiku-4-5-20251001-v1:0')).toBe(
      'claude-haiku-4-5-20251001',
    );
    expect(
      anthropicModelName(
        'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      ),
    ).toBe('claude-3-haiku-20240307');
  });
});

interface Event {
  type: string;
  index?: number;
  message?: unknown;
  content_block?: unknown;
  delta: { type?: string; text?: string; thinking?: string; partial_json?: string; signature?: string };
  [key: string]: unknown;
}

describe('anthropic-messages encodeStream', () => {
  const reply: Reply = {
    blocks: [
      { type: 'reasoning', text: 'Think about the city first.', signature: 'sig-9' },
      ...toolReply.blocks,
    ],
    stopReason: 'tool_use',
  };
  const events = anthropicMessages.encodeStream(reply, usage, metrics, ctx()) as Event[];

  it('sends Anthropic’s event sequence', () => {
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(events.filter((e) => e.type === 'content_block_start').map((e) => e.content_block)).toEqual([
      { type: 'thinking', thinking: '' },
      { type: 'text', text: '' },
      { type: 'tool_use', id: 'tooluse_0000000a_0', name: 'get_weather', input: {} },
    ]);
    expect(events.filter((e) => e.type === 'content_block_stop').map((e) => e.index)).toEqual([0, 1, 2]);
    expect(events[0]!.message).toMatchObject({
      id: 'msg_bdrk_0000000a',
      content: [],
      stop_reason: null,
      usage: { input_tokens: 42, output_tokens: 1 },
    });
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: 17 },
    });
  });

  const deltasOf = (index: number) =>
    events.filter((e) => e.type === 'content_block_delta' && e.index === index);

  it('streams thinking then its signature', () => {
    const deltas = deltasOf(0);
    expect(
      deltas
        .filter((e) => e.delta.type === 'thinking_delta')
        .map((e) => e.delta.thinking)
        .join(''),
    ).toBe('Think about the city first.');
    expect(last(deltas).delta).toEqual({ type: 'signature_delta', signature: 'sig-9' });
  });

  it('streams tool input as several partial JSON pieces', () => {
    const pieces = deltasOf(2).map((e) => e.delta.partial_json as string);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(pieces.join(''))).toEqual({ city: 'Paris', unit: 'celsius' });
  });

  it('sends {} whole for a tool without arguments', () => {
    const noArgs: Reply = {
      blocks: [{ type: 'toolUse', toolUseId: 't', name: 'now', input: {} }],
      stopReason: 'tool_use',
    };
    const stream = anthropicMessages.encodeStream(noArgs, usage, metrics, ctx()) as Event[];
    expect(stream.filter((e) => e.type === 'content_block_delta').map((e) => e.delta.partial_json)).toEqual([
      '{}',
    ]);
  });

  it('ends with message_stop carrying the invocation metrics', () => {
    expect(last(events)).toEqual({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': expectedMetrics,
    });
    const cached = anthropicMessages.encodeStream(textReply(), cachedUsage, metrics, ctx()) as Event[];
    expect(last(cached)['amazon-bedrock-invocationMetrics']).toEqual({
      ...expectedMetrics,
      cacheReadInputTokenCount: 900,
      cacheWriteInputTokenCount: 30,
    });
  });

  it('re-assembles to the reply text', () => {
    fc.assert(
      fc.property(replyTextArbitrary, fc.integer({ min: 1, max: 5 }), (text, wordsPerDelta) => {
        const stream = anthropicMessages.encodeStream(
          textReply(text),
          usage,
          metrics,
          ctx({ wordsPerDelta }),
        ) as Event[];
        const joined = stream
          .filter((e) => e.type === 'content_block_delta')
          .map((e) => e.delta.text)
          .join('');
        expect(joined).toBe(text);
      }),
    );
  });
});
