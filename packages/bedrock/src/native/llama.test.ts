import { describe, expect, it } from 'vitest';
import { modelInfo } from '../converse/test-support/model-info.js';
import type { ValidationError } from '../errors/strata-error.js';
import { llama2, llama3 } from './llama.js';
import { conversation, metrics, streamThrough } from './test-support/conversation.js';

describe('llama2', () => {
  const model = modelInfo('llama2');

  it('builds the [INST] <<SYS>> template for a multi-turn conversation', () => {
    expect(
      llama2.encodeRequest(conversation({ maxTokens: 100, temperature: 0.5, topP: 0.9 }), model),
    ).toEqual({
      prompt:
        '<s>[INST] <<SYS>>\nYou are terse.\n<</SYS>>\n\nHi [/INST] Hello. </s><s>[INST] Name a colour. [/INST]',
      max_gen_len: 100,
      temperature: 0.5,
      top_p: 0.9,
    });
  });

  it('leaves a trailing assistant turn open as a prefill', () => {
    const request = conversation({
      system: undefined,
      messages: [
        ...conversation().messages,
        { role: 'assistant', content: [{ type: 'text', text: 'Blue' }] },
      ],
    });
    expect(llama2.encodeRequest(request, model).prompt).toBe(
      '<s>[INST] Hi [/INST] Hello. </s><s>[INST] Name a colour. [/INST] Blue',
    );
  });

  it('refuses what the body cannot carry: turns out of order, stop sequences, tools, images', () => {
    const bad = (over: Parameters<typeof conversation>[0]) => {
      try {
        llama2.encodeRequest(conversation(over), model);
      } catch (error) {
        return (error as ValidationError).path;
      }
      return 'accepted';
    };
    expect(bad({ messages: [{ role: 'assistant', content: [{ type: 'text', text: 'x' }] }] })).toBe(
      'messages.0.role',
    );
    expect(bad({ stopSequences: ['x'] })).toBe('stopSequences');
    expect(bad({ tools: [{ name: 't', inputSchema: {} }] })).toBe('tools');
    expect(
      bad({
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', format: 'png', source: { type: 'base64', data: 'AA==' } }],
          },
        ],
      }),
    ).toBe('messages.0.content.0');
  });
});

describe('llama3', () => {
  const model = modelInfo('llama3');

  it('builds the header template for a multi-turn conversation', () => {
    expect(llama3.encodeRequest(conversation(), model)).toEqual({
      prompt:
        '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are terse.<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nName a colour.<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
    });
  });

  it('decodes a reply and its stream', () => {
    const reply = llama3.decodeResponse({
      generation: 'Blue.',
      prompt_token_count: 30,
      generation_token_count: 3,
      stop_reason: 'stop',
    });
    expect(reply).toMatchObject({
      message: { role: 'assistant', content: [{ type: 'text', text: 'Blue.' }] },
      stopReason: 'end_turn',
      usage: { inputTokens: 30, outputTokens: 3, totalTokens: 33 },
      complete: true,
    });
    const { result, end } = streamThrough(llama3, [
      { generation: 'Bl', prompt_token_count: 30, generation_token_count: 1, stop_reason: null },
      { generation: 'ue', prompt_token_count: null, generation_token_count: 2, stop_reason: null },
      {
        generation: '',
        prompt_token_count: null,
        generation_token_count: 3,
        stop_reason: 'length',
        ...metrics(30, 3),
      },
    ]);
    expect(result.message.content).toEqual([{ type: 'text', text: 'Blue' }]);
    expect(result.stopReason).toBe('max_tokens');
    expect(end).toEqual({
      complete: true,
      usage: {
        inputTokens: 30,
        outputTokens: 3,
        cacheReadInputTokens: 0,
        cacheWriteInputTokens: 0,
        totalTokens: 33,
      },
      latencyMs: 321,
    });
  });
});
