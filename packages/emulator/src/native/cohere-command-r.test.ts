import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohereCommandR } from './cohere-command-r.js';
import {
  ctx,
  errorOf,
  expectedMetrics,
  last,
  malformed,
  metrics,
  replyTextArbitrary,
  TEXT,
  textReply,
  toolReply,
  usage,
} from './test-support/native-fixtures.js';

const body = {
  message: '',
  preamble: 'You are a weather assistant.',
  chat_history: [
    { role: 'USER', message: 'Weather in Paris?' },
    {
      role: 'CHATBOT',
      message: 'Checking.',
      tool_calls: [{ name: 'get_weather', parameters: { city: 'Paris' } }],
    },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Weather by city',
      parameter_definitions: { city: { description: 'City', type: 'str', required: true } },
    },
  ],
  tool_results: [
    { call: { name: 'get_weather', parameters: { city: 'Paris' } }, outputs: [{ temperature: '18°C' }] },
  ],
  max_tokens: 300,
  temperature: 0.3,
  p: 0.75,
  k: 0,
  stop_sequences: ['END'],
};

describe('cohere-command-r decodeRequest', () => {
  it('decodes preamble, history, tool calls and tool results paired by name and parameters', () => {
    const view = cohereCommandR.decodeRequest(body);
    const id = 'get_weather:{"city":"Paris"}';
    expect(view).toEqual({
      system: [{ kind: 'text', text: 'You are a weather assistant.' }],
      messages: [
        { role: 'user', blocks: [{ kind: 'text', text: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          blocks: [
            { kind: 'text', text: 'Checking.' },
            { kind: 'toolUse', toolUseId: id, name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          blocks: [
            { kind: 'toolResult', toolUseId: id, text: '[{"temperature":"18°C"}]', status: 'success' },
          ],
        },
      ],
      tools: ['get_weather'],
      toolCachePoints: 0,
      maxTokens: 300,
      stopSequences: ['END'],
      reasoning: false,
    });
  });

  it('takes a plain message as the user turn', () => {
    const view = cohereCommandR.decodeRequest({ message: 'Hello' });
    expect(view.messages).toEqual([{ role: 'user', blocks: [{ kind: 'text', text: 'Hello' }] }]);
  });

  it('rejects what the Cohere schema rejects', () => {
    expect(errorOf(() => cohereCommandR.decodeRequest({ message: 'x', top_k: 5 })).message).toBe(
      malformed('#: extraneous key [top_k] is not permitted'),
    );
    expect(errorOf(() => cohereCommandR.decodeRequest({ prompt: 'x' })).message).toBe(
      malformed('2 schema violations found'),
    );
    expect(
      errorOf(() =>
        cohereCommandR.decodeRequest({ message: 'x', chat_history: [{ role: 'user', message: 'y' }] }),
      ).message,
    ).toBe(malformed('#/chat_history/0/role: user is not a valid enum value'));
  });
});

describe('cohere-command-r encoding', () => {
  it('answers Cohere’s chat response with UUID ids, the echoed history and billed units', () => {
    const response = cohereCommandR.encodeResponse(
      textReply(),
      usage,
      ctx({ requestBody: { message: 'Hi', chat_history: [] } }),
    );
    expect(response).toEqual({
      response_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      text: TEXT,
      generation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      chat_history: [
        { role: 'USER', message: 'Hi' },
        { role: 'CHATBOT', message: TEXT },
      ],
      finish_reason: 'COMPLETE',
      meta: { api_version: { version: '1' }, billed_units: { input_tokens: 42, output_tokens: 17 } },
    });
    const again = cohereCommandR.encodeResponse(textReply(), usage, ctx()) as { response_id: string };
    expect(again.response_id).toBe((response as { response_id: string }).response_id);
  });

  it('answers tool calls by name and parameters, and MAX_TOKENS when cut short', () => {
    expect(cohereCommandR.encodeResponse(toolReply, usage, ctx({ requestBody: body }))).toMatchObject({
      tool_calls: [{ name: 'get_weather', parameters: { city: 'Paris', unit: 'celsius' } }],
      chat_history: [
        { role: 'USER' },
        { role: 'CHATBOT' },
        { role: 'TOOL' },
        { role: 'CHATBOT', tool_calls: [{}] },
      ],
    });
    expect(cohereCommandR.encodeResponse(textReply('a', 'max_tokens'), usage, ctx())).toMatchObject({
      finish_reason: 'MAX_TOKENS',
    });
  });

  type Chunk = { event_type: string; is_finished: boolean; text?: string; [key: string]: unknown };

  it('streams stream-start, text-generation, tool-calls-generation, then stream-end with the response', () => {
    const chunks = cohereCommandR.encodeStream(toolReply, usage, metrics, ctx()) as Chunk[];
    expect(chunks[0]).toEqual({
      is_finished: false,
      event_type: 'stream-start',
      generation_id: expect.any(String),
    });
    expect(chunks.at(-2)).toEqual({
      is_finished: false,
      event_type: 'tool-calls-generation',
      tool_calls: [{ name: 'get_weather', parameters: { city: 'Paris', unit: 'celsius' } }],
    });
    const end = last(chunks);
    expect(end).toMatchObject({
      is_finished: true,
      event_type: 'stream-end',
      finish_reason: 'COMPLETE',
      response: { text: 'Let me look that up.', generation_id: chunks[0]!.generation_id },
      'amazon-bedrock-invocationMetrics': expectedMetrics,
    });
  });

  it('re-assembles to the reply text', () => {
    fc.assert(
      fc.property(replyTextArbitrary, fc.integer({ min: 1, max: 5 }), (text, wordsPerDelta) => {
        const chunks = cohereCommandR.encodeStream(
          textReply(text),
          usage,
          metrics,
          ctx({ wordsPerDelta }),
        ) as Chunk[];
        const joined = chunks
          .filter((c) => c.event_type === 'text-generation')
          .map((c) => c.text)
          .join('');
        expect(joined).toBe(text);
      }),
    );
  });
});
