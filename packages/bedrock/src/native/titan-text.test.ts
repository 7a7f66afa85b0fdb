import { describe, expect, it } from 'vitest';
import { modelInfo } from '../converse/test-support/model-info.js';
import { ValidationError } from '../errors/strata-error.js';
import { conversation, metrics, streamThrough } from './test-support/conversation.js';
import { titanText } from './titan-text.js';

describe('titan-text', () => {
  const model = modelInfo('titan-text');

  it('builds the User/Bot prompt with the system prompt first', () => {
    expect(titanText.encodeRequest(conversation({ maxTokens: 50, topP: 0.5 }), model)).toEqual({
      inputText: 'You are terse.\n\nUser: Hi\nBot: Hello.\nUser: Name a colour.\nBot:',
      textGenerationConfig: { maxTokenCount: 50, topP: 0.5 },
    });
    expect(titanText.encodeRequest(conversation({ system: undefined }), model)).toEqual({
      inputText: 'User: Hi\nBot: Hello.\nUser: Name a colour.\nBot:',
    });
  });

  it('decodes a reply and its stream, guardrail flag included', () => {
    expect(
      titanText.decodeResponse({
        inputTextTokenCount: 12,
        results: [{ tokenCount: 3, outputText: ' Blue.', completionReason: 'FINISH' }],
      }),
    ).toMatchObject({
      message: { content: [{ type: 'text', text: ' Blue.' }] },
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 3 },
    });
    const { result, end } = streamThrough(titanText, [
      {
        outputText: ' Bl',
        index: 0,
        totalOutputTextTokenCount: null,
        completionReason: null,
        inputTextTokenCount: 12,
      },
      {
        outputText: 'ue',
        index: 0,
        totalOutputTextTokenCount: 2,
        completionReason: 'CONTENT_FILTERED',
        inputTextTokenCount: null,
        'amazon-bedrock-guardrailAction': 'INTERVENED',
        ...metrics(12, 2),
      },
    ]);
    expect(result.stopReason).toBe('guardrail_intervened');
    expect(result.message.content).toEqual([{ type: 'text', text: ' Blue' }]);
    expect(end.usage?.totalTokens).toBe(14);
  });

  it('has no top-k', () => {
    expect(() => titanText.encodeRequest(conversation({ topK: 3 }), model)).toThrow(ValidationError);
  });
});
