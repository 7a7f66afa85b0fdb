import { describe, expect, it } from 'vitest';
import { modelInfo } from '../converse/test-support/model-info.js';
import { mistral } from './mistral.js';
import { conversation, metrics, streamThrough } from './test-support/conversation.js';

const prefilled = conversation({
  messages: [...conversation().messages, { role: 'assistant', content: [{ type: 'text', text: 'Blue' }] }],
});

describe('mistral', () => {
  const model = modelInfo('mistral');

  it('builds the <s>[INST] template with the system prompt in the first instruction', () => {
    expect(mistral.encodeRequest(conversation({ stopSequences: ['\n\n'], topK: 20 }), model)).toEqual({
      prompt: '<s>[INST] You are terse.\n\nHi [/INST] Hello.</s>[INST] Name a colour. [/INST]',
      top_k: 20,
      stop: ['\n\n'],
    });
    expect(mistral.encodeRequest(prefilled, model).prompt).toMatch(
      /\[INST\] Name a colour\. \[\/INST\] Blue$/,
    );
  });

  it('decodes a reply and its stream', () => {
    expect(mistral.decodeResponse({ outputs: [{ text: 'Blue.', stop_reason: 'length' }] })).toMatchObject({
      message: { content: [{ type: 'text', text: 'Blue.' }] },
      stopReason: 'max_tokens',
      complete: true,
    });
    const { result, end } = streamThrough(mistral, [
      { outputs: [{ text: 'Bl', stop_reason: null }] },
      { outputs: [{ text: 'ue', stop_reason: null }] },
      { outputs: [{ text: '', stop_reason: 'stop' }], ...metrics(9, 2) },
    ]);
    expect(result.message.content).toEqual([{ type: 'text', text: 'Blue' }]);
    expect(result.stopReason).toBe('end_turn');
    expect(end).toMatchObject({ complete: true, usage: { inputTokens: 9, outputTokens: 2 } });
  });
});
