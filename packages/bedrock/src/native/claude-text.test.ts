import { describe, expect, it } from 'vitest';
import { modelInfo } from '../converse/test-support/model-info.js';
import { claudeText } from './claude-text.js';
import { conversation, metrics, streamThrough } from './test-support/conversation.js';

const prefilled = conversation({
  messages: [...conversation().messages, { role: 'assistant', content: [{ type: 'text', text: 'Blue' }] }],
});

describe('claude-text', () => {
  const model = modelInfo('claude-text');

  it('builds the Human/Assistant prompt, system first', () => {
    expect(claudeText.encodeRequest(conversation({ topK: 5, stopSequences: ['END'] }), model)).toEqual({
      prompt: 'You are terse.\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Name a colour.\n\nAssistant:',
      max_tokens_to_sample: 4096,
      top_k: 5,
      stop_sequences: ['END'],
    });
    expect(claudeText.encodeRequest(prefilled, model).prompt).toMatch(
      /\n\nHuman: Name a colour\.\n\nAssistant: Blue$/,
    );
  });

  it('reads the natural stop at "\\n\\nHuman:" as end_turn and another stop sequence as stop_sequence', () => {
    expect(
      claudeText.decodeResponse({ completion: ' Blue.', stop_reason: 'stop_sequence', stop: '\n\nHuman:' }),
    ).toMatchObject({
      message: { content: [{ type: 'text', text: ' Blue.' }] },
      stopReason: 'end_turn',
      complete: true,
    });
    expect(
      claudeText.decodeResponse({ completion: 'x', stop_reason: 'stop_sequence', stop: 'END' }).stopReason,
    ).toBe('stop_sequence');
    const { result, end } = streamThrough(claudeText, [
      { type: 'completion', completion: ' Bl', stop_reason: null, stop: null },
      { type: 'completion', completion: 'ue', stop_reason: null, stop: null },
      { type: 'completion', completion: '', stop_reason: 'max_tokens', stop: null, ...metrics(20, 2) },
    ]);
    expect(result).toMatchObject({
      message: { content: [{ type: 'text', text: ' Blue' }] },
      stopReason: 'max_tokens',
    });
    expect(end.complete).toBe(true);
  });
});
