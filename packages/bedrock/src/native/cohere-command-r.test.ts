import { describe, expect, it } from 'vitest';
import { modelInfo } from '../converse/test-support/model-info.js';
import { cohereCommandR } from './cohere-command-r.js';
import { conversation, metrics, streamThrough } from './test-support/conversation.js';

const prefilled = conversation({
  messages: [...conversation().messages, { role: 'assistant', content: [{ type: 'text', text: 'Blue' }] }],
});

describe('cohere-command-r', () => {
  const model = modelInfo('cohere-command-r');

  it('sends the last user message, the earlier turns as chat_history, the system prompt as preamble', () => {
    expect(cohereCommandR.encodeRequest(conversation({ topP: 0.7, topK: 10, maxTokens: 64 }), model)).toEqual(
      {
        message: 'Name a colour.',
        chat_history: [
          { role: 'USER', message: 'Hi' },
          { role: 'CHATBOT', message: 'Hello.' },
        ],
        preamble: 'You are terse.',
        max_tokens: 64,
        p: 0.7,
        k: 10,
      },
    );
    expect(() => cohereCommandR.encodeRequest(prefilled, model)).toThrow(/last message must be the user's/);
  });

  it('decodes a reply and its stream, noting tool calls it does not map', () => {
    const reply = cohereCommandR.decodeResponse({
      response_id: 'r',
      text: 'Blue.',
      generation_id: 'g',
      finish_reason: 'COMPLETE',
      tool_calls: [{ name: 'x', parameters: {} }],
    });
    expect(reply).toMatchObject({
      message: { content: [{ type: 'text', text: 'Blue.' }] },
      stopReason: 'end_turn',
    });
    expect(reply.notes).toEqual([{ kind: 'unknown-block', index: 0, member: 'tool_calls' }]);
    const { result, end, notes } = streamThrough(cohereCommandR, [
      { is_finished: false, event_type: 'stream-start', generation_id: 'g' },
      { is_finished: false, event_type: 'text-generation', text: 'Bl' },
      { is_finished: false, event_type: 'text-generation', text: 'ue' },
      { is_finished: false, event_type: 'citation-generation', citations: [] },
      {
        is_finished: true,
        event_type: 'stream-end',
        finish_reason: 'MAX_TOKENS',
        response: {},
        ...metrics(40, 2),
      },
    ]);
    expect(result).toMatchObject({
      message: { content: [{ type: 'text', text: 'Blue' }] },
      stopReason: 'max_tokens',
    });
    expect(end.complete).toBe(true);
    expect(notes).toEqual([{ kind: 'unknown-event', name: 'cohere:citation-generation' }]);
  });
});
