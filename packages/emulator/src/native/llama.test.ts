import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { llama2, llama3 } from './llama.js';
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

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('llama decodeRequest', () => {
  it('decodes a Llama 3 chat prompt and max_gen_len', () => {
    const view = llama3.decodeRequest({
      prompt:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
      max_gen_len: 512,
      temperature: 0.5,
      top_p: 0.9,
    });
    expect(view).toMatchObject({
      system: [{ kind: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', blocks: [{ kind: 'text', text: 'Hi' }] }],
      maxTokens: 512,
      tools: [],
    });
  });

  it('decodes a Llama 2 chat prompt', () => {
    const view = llama2.decodeRequest({
      prompt: '<s>[INST] <<SYS>>\nSys\n<</SYS>>\n\nHi [/INST] Yo </s><s>[INST] Bye [/INST]',
    });
    expect(view.system).toEqual([{ kind: 'text', text: 'Sys' }]);
    expect(view.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('puts Llama 3.2 images before the last user turn’s text', () => {
    const view = llama3.decodeRequest({ prompt: 'What is in this picture?', images: [PNG] });
    expect(view.messages).toEqual([
      {
        role: 'user',
        blocks: [
          { kind: 'image', format: 'png', bytes: 70 },
          { kind: 'text', text: 'What is in this picture?' },
        ],
      },
    ]);
  });

  it('rejects what the Llama schema rejects', () => {
    expect(errorOf(() => llama3.decodeRequest({ prompt: 'x', max_gen_len: 8192 })).message).toBe(
      malformed('#/max_gen_len: 8192 is not less or equal to 2048'),
    );
    expect(errorOf(() => llama2.decodeRequest({ prompt: 'x', images: [PNG] })).message).toBe(
      malformed('#: extraneous key [images] is not permitted'),
    );
    expect(errorOf(() => llama3.decodeRequest({ inputs: 'x', max_tokens: 5 })).message).toBe(
      malformed('3 schema violations found'),
    );
  });
});

describe('llama encoding', () => {
  it('answers generation, token counts and stop reason', () => {
    expect(llama3.encodeResponse(textReply(), usage, ctx())).toEqual({
      generation: TEXT,
      prompt_token_count: 42,
      generation_token_count: 17,
      stop_reason: 'stop',
    });
    expect(llama2.encodeResponse(textReply('a', 'max_tokens'), usage, ctx())).toMatchObject({
      stop_reason: 'length',
    });
    expect(llama3.encodeResponse(toolReply, usage, ctx())).toMatchObject({
      generation: 'Let me look that up.',
    });
  });

  it('streams running token counts, prompt count first, stop reason and metrics last', () => {
    const chunks = llama3.encodeStream(textReply(), usage, metrics, ctx()) as Record<string, unknown>[];
    expect(chunks[0]).toMatchObject({ generation: 'The quick ', prompt_token_count: 42, stop_reason: null });
    expect(chunks[1]).toMatchObject({ prompt_token_count: null });
    const counts = chunks.map((c) => c.generation_token_count as number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(last(chunks)).toEqual({
      generation: '',
      prompt_token_count: null,
      generation_token_count: 17,
      stop_reason: 'stop',
      'amazon-bedrock-invocationMetrics': expectedMetrics,
    });
  });

  it('puts the prompt count on the closing chunk of an empty reply', () => {
    const chunks = llama2.encodeStream(textReply(''), usage, metrics, ctx()) as Record<string, unknown>[];
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ prompt_token_count: 42, generation_token_count: 17 });
  });

  it('re-assembles to the reply text', () => {
    fc.assert(
      fc.property(replyTextArbitrary, fc.integer({ min: 1, max: 5 }), (text, wordsPerDelta) => {
        for (const codec of [llama2, llama3]) {
          const chunks = codec.encodeStream(textReply(text), usage, metrics, ctx({ wordsPerDelta }));
          expect((chunks as { generation: string }[]).map((c) => c.generation).join('')).toBe(text);
        }
      }),
    );
  });
});
