import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mistral } from './mistral.js';
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

const chatBody = {
  messages: [
    { role: 'system', content: 'You are a weather bot.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
    {
      role: 'assistant',
      content: '',
      tool_calls: [
        { id: 'abc123def', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        { id: 'ghi456jkl', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'abc123def', content: '18°C' },
    { role: 'tool', tool_call_id: 'ghi456jkl', content: '24°C' },
  ],
  tools: [
    {
      type: 'function',
      function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } },
    },
  ],
  tool_choice: 'auto',
  max_tokens: 400,
  temperature: 0.3,
};

describe('mistral decodeRequest', () => {
  it('decodes a text-completion prompt with its limits', () => {
    const view = mistral.decodeRequest({
      prompt:
        '<s>[INST] What is your favourite condiment? [/INST] Lemon!</s> [INST] Any mayonnaise recipes? [/INST]',
      max_tokens: 200,
      stop: ['</s>'],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 50,
    });
    expect(view).toMatchObject({
      messages: [
        { role: 'user', blocks: [{ kind: 'text', text: 'What is your favourite condiment?' }] },
        { role: 'assistant', blocks: [{ kind: 'text', text: 'Lemon!' }] },
        { role: 'user', blocks: [{ kind: 'text', text: 'Any mayonnaise recipes?' }] },
      ],
      maxTokens: 200,
      stopSequences: ['</s>'],
    });
  });

  it('decodes a chat-completions body with tool calls and grouped tool results', () => {
    const view = mistral.decodeRequest(chatBody);
    expect(view.system).toEqual([{ kind: 'text', text: 'You are a weather bot.' }]);
    expect(view.messages).toEqual([
      { role: 'user', blocks: [{ kind: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        blocks: [
          { kind: 'toolUse', toolUseId: 'abc123def', name: 'get_weather', input: { city: 'Paris' } },
          { kind: 'toolUse', toolUseId: 'ghi456jkl', name: 'get_weather', input: { city: 'Rome' } },
        ],
      },
      {
        role: 'user',
        blocks: [
          { kind: 'toolResult', toolUseId: 'abc123def', text: '18°C', status: 'success' },
          { kind: 'toolResult', toolUseId: 'ghi456jkl', text: '24°C', status: 'success' },
        ],
      },
    ]);
    expect(view).toMatchObject({ tools: ['get_weather'], maxTokens: 400 });
  });

  it('rejects what the Mistral schemas reject', () => {
    expect(errorOf(() => mistral.decodeRequest({ prompt: 'x', top_k: 500 })).message).toBe(
      malformed('#/top_k: 500 is not less or equal to 200'),
    );
    expect(errorOf(() => mistral.decodeRequest({ prompt: 'x', max_gen_len: 5 })).message).toBe(
      malformed('#: extraneous key [max_gen_len] is not permitted'),
    );
    expect(
      errorOf(() =>
        mistral.decodeRequest({ messages: [{ role: 'bot', content: 'x' }], tool_choice: 'required' }),
      ).message,
    ).toBe(malformed('2 schema violations found'));
  });
});

describe('mistral text-completion encoding', () => {
  it('answers outputs with a stop reason', () => {
    expect(mistral.encodeResponse(textReply(), usage, ctx())).toEqual({
      outputs: [{ text: TEXT, stop_reason: 'stop' }],
    });
    expect(mistral.encodeResponse(textReply('a', 'max_tokens'), usage, ctx())).toEqual({
      outputs: [{ text: 'a', stop_reason: 'length' }],
    });
  });

  it('streams outputs with a null stop reason until the closing chunk', () => {
    const chunks = mistral.encodeStream(textReply(), usage, metrics, ctx()) as {
      outputs: { text: string }[];
    }[];
    expect(chunks[0]).toEqual({ outputs: [{ text: 'The quick ', stop_reason: null }] });
    expect(last(chunks)).toEqual({
      outputs: [{ text: '', stop_reason: 'stop' }],
      'amazon-bedrock-invocationMetrics': expectedMetrics,
    });
  });

  it('re-assembles to the reply text', () => {
    fc.assert(
      fc.property(replyTextArbitrary, fc.integer({ min: 1, max: 5 }), (text, wordsPerDelta) => {
        const chunks = mistral.encodeStream(textReply(text), usage, metrics, ctx({ wordsPerDelta }));
        expect((chunks as { outputs: { text: string }[] }[]).map((c) => c.outputs[0]!.text).join('')).toBe(
          text,
        );
      }),
    );
  });
});

describe('mistral chat-completions encoding', () => {
  const chat = ctx({ requestBody: chatBody });

  it('answers choices in the shape of the request, with tool calls', () => {
    expect(mistral.encodeResponse(toolReply, usage, chat)).toEqual({
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Let me look that up.',
            tool_calls: [
              {
                id: 'tooluse_0000000a_0',
                function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
              },
            ],
          },
          stop_reason: 'tool_calls',
        },
      ],
    });
  });

  it('streams content deltas, then the whole tool calls with the stop reason and the metrics', () => {
    type Chunk = {
      choices: { message: { content: string; tool_calls?: unknown[] }; stop_reason: string | null }[];
    };
    const chunks = mistral.encodeStream(toolReply, usage, metrics, chat) as Chunk[];
    expect(chunks.map((c) => c.choices[0]!.message.content).join('')).toBe('Let me look that up.');
    expect(chunks[0]!.choices[0]!.stop_reason).toBeNull();
    const closing = last(chunks);
    expect(closing.choices[0]!.stop_reason).toBe('tool_calls');
    expect(closing.choices[0]!.message.tool_calls).toHaveLength(1);
    expect(closing).toMatchObject({ 'amazon-bedrock-invocationMetrics': expectedMetrics });
  });
});
