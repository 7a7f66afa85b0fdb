import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claudeText } from './claude-text.js';
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

const prompt =
  'You are a poet.\n\nHuman: Write a haiku.\n\nAssistant: Autumn moonlight\n\nHuman: Another.\n\nAssistant:';

describe('claude-text decodeRequest', () => {
  it('decodes the system prompt and the Human/Assistant turns', () => {
    const view = claudeText.decodeRequest({
      prompt,
      max_tokens_to_sample: 300,
      temperature: 0.5,
      top_k: 250,
      top_p: 1,
      stop_sequences: ['\n\nHuman:'],
      anthropic_version: 'bedrock-2023-05-31',
    });
    expect(view).toMatchObject({
      system: [{ kind: 'text', text: 'You are a poet.' }],
      messages: [
        { role: 'user', blocks: [{ kind: 'text', text: 'Write a haiku.' }] },
        { role: 'assistant', blocks: [{ kind: 'text', text: 'Autumn moonlight' }] },
        { role: 'user', blocks: [{ kind: 'text', text: 'Another.' }] },
      ],
      maxTokens: 300,
      stopSequences: ['\n\nHuman:'],
      tools: [],
      reasoning: false,
    });
  });

  it('keeps text after the last Assistant marker as a prefill', () => {
    const view = claudeText.decodeRequest({
      prompt: '\n\nHuman: JSON please\n\nAssistant: {',
      max_tokens_to_sample: 5,
    });
    expect(view.system).toEqual([]);
    expect(view.messages.at(-1)).toEqual({ role: 'assistant', blocks: [{ kind: 'text', text: '{' }] });
  });

  it('rejects a prompt that does not start with a Human turn', () => {
    const error = errorOf(() =>
      claudeText.decodeRequest({ prompt: 'Hello\n\nAssistant:', max_tokens_to_sample: 5 }),
    );
    expect(error).toEqual({
      status: 400,
      type: 'ValidationException',
      message: 'prompt must start with "\n\nHuman:" turn after an optional system prompt',
    });
  });

  it('rejects a prompt that does not end with an Assistant turn', () => {
    const error = errorOf(() =>
      claudeText.decodeRequest({ prompt: '\n\nHuman: Hello', max_tokens_to_sample: 5 }),
    );
    expect(error.message).toBe('prompt must end with "\n\nAssistant:" turn');
  });

  it('runs schema violations together, as Bedrock does for Claude bodies', () => {
    const error = errorOf(() => claudeText.decodeRequest({ input: 'hi' }));
    expect(error.message).toBe(
      malformed(
        '#: required key [prompt] not found#: required key [max_tokens_to_sample] not found#: extraneous key [input] is not permitted',
      ),
    );
    expect(errorOf(() => claudeText.decodeRequest({ prompt, max_tokens_to_sample: '5' })).message).toBe(
      malformed('#/max_tokens_to_sample: expected type: Integer, found: String'),
    );
  });
});

describe('claude-text with a Messages body (Claude 2.x serves both APIs)', () => {
  const messagesBody = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 50,
    messages: [{ role: 'user', content: 'Hi' }],
  };

  it('decodes and answers it as the Messages API', () => {
    expect(claudeText.decodeRequest(messagesBody).messages).toEqual([
      { role: 'user', blocks: [{ kind: 'text', text: 'Hi' }] },
    ]);
    const native = ctx({ modelId: 'anthropic.claude-v2:1', requestBody: messagesBody });
    expect(claudeText.encodeResponse(textReply(), usage, native)).toMatchObject({
      type: 'message',
      model: 'claude-2.1',
      content: [{ type: 'text', text: TEXT }],
    });
    expect(last(claudeText.encodeStream(textReply(), usage, metrics, native))).toMatchObject({
      type: 'message_stop',
    });
  });
});

describe('claude-text encoding', () => {
  it('answers a completion that ended naturally as the Human stop sequence', () => {
    expect(claudeText.encodeResponse(textReply(), usage, ctx())).toEqual({
      type: 'completion',
      completion: TEXT,
      stop_reason: 'stop_sequence',
      stop: '\n\nHuman:',
    });
  });

  it('reports max_tokens and a matched custom stop sequence', () => {
    expect(claudeText.encodeResponse(textReply('a', 'max_tokens'), usage, ctx())).toMatchObject({
      stop_reason: 'max_tokens',
      stop: null,
    });
    expect(
      claudeText.encodeResponse(textReply('a', 'stop_sequence'), usage, ctx({ stopSequence: 'END' })),
    ).toMatchObject({
      stop_reason: 'stop_sequence',
      stop: 'END',
    });
  });

  it('renders only the text of a reply with tool calls', () => {
    expect(claudeText.encodeResponse(toolReply, usage, ctx())).toMatchObject({
      completion: 'Let me look that up.',
    });
  });

  it('streams completion deltas and closes with the stop reason and the metrics', () => {
    const chunks = claudeText.encodeStream(textReply(), usage, metrics, ctx()) as Record<string, unknown>[];
    expect(chunks[0]).toEqual({
      type: 'completion',
      completion: 'The quick ',
      stop_reason: null,
      stop: null,
    });
    expect(chunks.map((c) => c.completion).join('')).toBe(TEXT);
    expect(last(chunks)).toEqual({
      type: 'completion',
      completion: '',
      stop_reason: 'stop_sequence',
      stop: '\n\nHuman:',
      'amazon-bedrock-invocationMetrics': expectedMetrics,
    });
  });

  it('re-assembles to the reply text', () => {
    fc.assert(
      fc.property(replyTextArbitrary, fc.integer({ min: 1, max: 5 }), (text, wordsPerDelta) => {
        const chunks = claudeText.encodeStream(textReply(text), usage, metrics, ctx({ wordsPerDelta }));
        expect((chunks as { completion: string }[]).map((c) => c.completion).join('')).toBe(text);
      }),
    );
  });
});
