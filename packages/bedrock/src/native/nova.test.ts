import { describe, expect, it } from 'vitest';
import { modelInfo } from '../converse/test-support/model-info.js';
import { ValidationError } from '../errors/strata-error.js';
import { nova } from './nova.js';
import { conversation, metrics, streamThrough } from './test-support/conversation.js';

const model = modelInfo('nova');

describe('nova', () => {
  it('builds the messages-v1 body with topK inside inferenceConfig and tools in toolConfig', () => {
    expect(
      nova.encodeRequest(
        conversation({
          maxTokens: 300,
          temperature: 0.3,
          topK: 20,
          tools: [{ name: 'weather', inputSchema: { type: 'object' } }],
          toolChoice: { type: 'any' },
          additionalModelRequestFields: { inferenceConfig: { reasoningConfig: { type: 'enabled' } } },
        }),
        model,
      ),
    ).toEqual({
      schemaVersion: 'messages-v1',
      system: [{ text: 'You are terse.' }],
      messages: [
        { role: 'user', content: [{ text: 'Hi' }] },
        { role: 'assistant', content: [{ text: 'Hello.' }] },
        { role: 'user', content: [{ text: 'Name a colour.' }] },
      ],
      inferenceConfig: { maxTokens: 300, temperature: 0.3, topK: 20, reasoningConfig: { type: 'enabled' } },
      toolConfig: {
        tools: [{ toolSpec: { name: 'weather', inputSchema: { json: { type: 'object' } } } }],
        toolChoice: { any: {} },
      },
    });
    expect(() => nova.encodeRequest(conversation({ reasoning: { budgetTokens: 1024 } }), model)).toThrow(
      ValidationError,
    );
  });

  it('decodes a reply, with the cache counts Nova spells …Count', () => {
    expect(
      nova.decodeResponse({
        output: { message: { role: 'assistant', content: [{ text: 'Blue.' }] } },
        stopReason: 'end_turn',
        usage: {
          inputTokens: 20,
          outputTokens: 2,
          totalTokens: 30,
          cacheReadInputTokenCount: 8,
          cacheWriteInputTokenCount: 0,
        },
      }),
    ).toMatchObject({
      message: { content: [{ type: 'text', text: 'Blue.' }] },
      stopReason: 'end_turn',
      usage: {
        inputTokens: 20,
        outputTokens: 2,
        cacheReadInputTokens: 8,
        cacheWriteInputTokens: 0,
        totalTokens: 30,
      },
      complete: true,
    });
  });

  it('decodes a stream of Converse-shaped chunks', () => {
    const { result, end, notes } = streamThrough(nova, [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { delta: { text: 'Bl' }, contentBlockIndex: 0 } },
      { contentBlockDelta: { delta: { text: 'ue' }, contentBlockIndex: 0 } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockStart: { start: { toolUse: { toolUseId: 't', name: 'paint' } }, contentBlockIndex: 1 } },
      { contentBlockDelta: { delta: { toolUse: { input: '{"c":"blue"}' } }, contentBlockIndex: 1 } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { messageStop: { stopReason: 'tool_use' } },
      {
        metadata: {
          usage: { inputTokens: 20, outputTokens: 9, cacheReadInputTokenCount: 4 },
          metrics: {},
          trace: {},
        },
        ...metrics(20, 9),
      },
    ]);
    expect(result.message.content).toEqual([
      { type: 'text', text: 'Blue' },
      { type: 'tool-use', id: 't', name: 'paint', input: { c: 'blue' } },
    ]);
    expect(result.stopReason).toBe('tool_use');
    expect(end).toMatchObject({
      complete: true,
      usage: { inputTokens: 20, outputTokens: 9, cacheReadInputTokens: 4 },
    });
    expect(notes).toEqual([]);
  });
});
