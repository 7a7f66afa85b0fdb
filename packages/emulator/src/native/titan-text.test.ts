import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
  usage,
} from './test-support/native-fixtures.js';
import { titanText } from './titan-text.js';

describe('titan-text decodeRequest', () => {
  it('decodes a User/Bot conversation and the generation config', () => {
    const view = titanText.decodeRequest({
      inputText: 'Answer briefly.\nUser: Hi\nBot: Hello!\nUser: What is 2+2?\nBot:',
      textGenerationConfig: { maxTokenCount: 512, temperature: 0.7, topP: 0.9, stopSequences: ['User:'] },
    });
    expect(view).toMatchObject({
      system: [{ kind: 'text', text: 'Answer briefly.' }],
      messages: [
        { role: 'user', blocks: [{ kind: 'text', text: 'Hi' }] },
        { role: 'assistant', blocks: [{ kind: 'text', text: 'Hello!' }] },
        { role: 'user', blocks: [{ kind: 'text', text: 'What is 2+2?' }] },
      ],
      maxTokens: 512,
      stopSequences: ['User:'],
    });
  });

  it('takes a plain prompt as one user message', () => {
    const view = titanText.decodeRequest({ inputText: 'Summarise the news.' });
    expect(view.messages).toEqual([
      { role: 'user', blocks: [{ kind: 'text', text: 'Summarise the news.' }] },
    ]);
    expect(view.maxTokens).toBeUndefined();
  });

  it('rejects what the Titan schema rejects', () => {
    expect(errorOf(() => titanText.decodeRequest({ prompt: 'x' })).message).toBe(
      malformed('2 schema violations found'),
    );
    expect(
      errorOf(() => titanText.decodeRequest({ inputText: 'x', textGenerationConfig: { top_p: 1 } })).message,
    ).toBe(malformed('#/textGenerationConfig: extraneous key [top_p] is not permitted'));
    expect(
      errorOf(() =>
        titanText.decodeRequest({ inputText: 'x', textGenerationConfig: { stopSequences: ['Observation'] } }),
      ).message,
    ).toBe(
      malformed(
        '#/textGenerationConfig/stopSequences/0: string [Observation] does not match pattern ^(\\|+|User:)$',
      ),
    );
    expect(
      errorOf(() => titanText.decodeRequest({ inputText: 'x', textGenerationConfig: { temperature: 2 } }))
        .message,
    ).toBe(malformed('#/textGenerationConfig/temperature: 2 is not less or equal to 1'));
  });
});

describe('titan-text encoding', () => {
  it('answers inputTextTokenCount and one result', () => {
    expect(titanText.encodeResponse(textReply(), usage, ctx())).toEqual({
      inputTextTokenCount: 42,
      results: [{ tokenCount: 17, outputText: TEXT, completionReason: 'FINISH' }],
    });
    expect(titanText.encodeResponse(textReply('a', 'max_tokens'), usage, ctx())).toMatchObject({
      results: [{ completionReason: 'LENGTH' }],
    });
    expect(titanText.encodeResponse(textReply('a', 'content_filtered'), usage, ctx())).toMatchObject({
      results: [{ completionReason: 'CONTENT_FILTERED' }],
    });
  });

  it('streams chunks with input tokens first and totals, reason and metrics last', () => {
    const chunks = titanText.encodeStream(textReply(), usage, metrics, ctx()) as Record<string, unknown>[];
    expect(chunks[0]).toEqual({
      outputText: 'The quick ',
      index: 0,
      totalOutputTextTokenCount: null,
      completionReason: null,
      inputTextTokenCount: 42,
    });
    expect(last(chunks)).toMatchObject({
      index: 0,
      totalOutputTextTokenCount: 17,
      completionReason: 'FINISH',
      inputTextTokenCount: null,
      'amazon-bedrock-invocationMetrics': expectedMetrics,
    });
    expect(chunks.map((c) => c.outputText).join('')).toBe(TEXT);
  });

  it('sends one closing chunk for an empty reply', () => {
    const chunks = titanText.encodeStream(textReply(''), usage, metrics, ctx()) as Record<string, unknown>[];
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({
      outputText: '',
      inputTextTokenCount: 42,
      totalOutputTextTokenCount: 17,
    });
  });

  it('re-assembles to the reply text', () => {
    fc.assert(
      fc.property(replyTextArbitrary, fc.integer({ min: 1, max: 5 }), (text, wordsPerDelta) => {
        const chunks = titanText.encodeStream(textReply(text), usage, metrics, ctx({ wordsPerDelta }));
        expect((chunks as { outputText: string }[]).map((c) => c.outputText).join('')).toBe(text);
      }),
    );
  });
});
