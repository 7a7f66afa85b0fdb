import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ModelStreamError,
  RateLimitError,
  ServiceUnavailableError,
  ValidationError,
} from '../errors/strata-error.js';
import type { ContentBlock } from '../types/content.js';
import type { ChatEvent } from '../types/events.js';
import { collect } from './collect-events.js';
import { ConverseStreamDecoder } from './converse-stream-decoder.js';
import { replyContent, splitAt } from './test-support/arbitraries.js';

type Frame = [eventType: string, payload: unknown];

const decode = (frames: Frame[]) => {
  const decoder = new ConverseStreamDecoder({ model: 'test-model', requestId: 'req-1' });
  const events = frames.flatMap(([type, payload]) => decoder.push(type, payload));
  return { decoder, events };
};

const delta = (index: number, d: unknown): Frame => [
  'contentBlockDelta',
  { contentBlockIndex: index, delta: d, p: 'abc' },
];
const usage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };
const ending: Frame[] = [
  ['messageStop', { stopReason: 'end_turn' }],
  ['metadata', { usage, metrics: { latencyMs: 42 } }],
];

/** The ConverseStream frames Bedrock would send for a reply, each block's deltas cut at `cuts`. */
function framesFor(content: ContentBlock[], cuts: number[][], closeText: boolean[]): Frame[] {
  const frames: Frame[] = [['messageStart', { role: 'assistant' }]];
  content.forEach((block, index) => {
    const parts = (text: string) => splitAt(text, cuts[index] ?? []);
    let close = true;
    switch (block.type) {
      case 'text':
        for (const text of parts(block.text)) frames.push(delta(index, { text }));
        close = closeText[index] ?? true;
        break;
      case 'reasoning':
        for (const text of parts(block.text)) frames.push(delta(index, { reasoningContent: { text } }));
        if (block.signature !== undefined)
          frames.push(delta(index, { reasoningContent: { signature: block.signature } }));
        break;
      case 'redacted-reasoning':
        frames.push(
          delta(index, { reasoningContent: { redactedContent: Buffer.from(block.data).toString('base64') } }),
        );
        break;
      case 'tool-use':
        frames.push([
          'contentBlockStart',
          { contentBlockIndex: index, start: { toolUse: { toolUseId: block.id, name: block.name } } },
        ]);
        for (const input of parts(JSON.stringify(block.input)))
          frames.push(delta(index, { toolUse: { input } }));
        break;
      default:
        throw new Error(`not a reply block: ${block.type}`);
    }
    if (close) frames.push(['contentBlockStop', { contentBlockIndex: index }]);
  });
  return frames;
}

describe('ConverseStreamDecoder', () => {
  it('reassembles any streamed reply, however its deltas are cut', () => {
    fc.assert(
      fc.property(
        replyContent,
        fc.array(fc.array(fc.nat(), { maxLength: 6 }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        (content, cuts, closeText, metadataFirst) => {
          const tail = metadataFirst ? [...ending].reverse() : ending;
          // Through JSON, as the frames travel.
          const frames = JSON.parse(
            JSON.stringify([...framesFor(content, cuts, closeText), ...tail]),
          ) as Frame[];
          const { decoder, events } = decode(frames);
          expect(collect(events).message).toEqual({ role: 'assistant', content });
          expect(events[0]).toEqual({
            type: 'message-start',
            role: 'assistant',
            model: 'test-model',
            requestId: 'req-1',
          });
          expect(events.filter((e) => e.type === 'content-block-stop')).toHaveLength(content.length);
          expect(decoder.finish()).toEqual({
            complete: true,
            usage: { ...usage, cacheReadInputTokens: 0, cacheWriteInputTokens: 0 },
            latencyMs: 42,
          });
          expect(decoder.notes).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('emits the tool call, parsed, just before its block stops', () => {
    const { events } = decode([
      ['contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'tu1', name: 'f' } } }],
      delta(0, { toolUse: { input: '{"a":' } }),
      delta(0, { toolUse: { input: '1}' } }),
      ['contentBlockStop', { contentBlockIndex: 0 }],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'message-start',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call',
      'content-block-stop',
    ]);
    expect(events[4]).toEqual({ type: 'tool-call', index: 0, id: 'tu1', name: 'f', input: { a: 1 } });
  });

  it('reads empty tool input as {} and keeps unparsable input as a note', () => {
    const { events, decoder } = decode([
      ['contentBlockStart', { contentBlockIndex: 0, start: { toolUse: { toolUseId: 'a', name: 'f' } } }],
      delta(0, { toolUse: { input: '' } }),
      ['contentBlockStop', { contentBlockIndex: 0 }],
      ['contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'b', name: 'g' } } }],
      delta(1, { toolUse: { input: '{"cut' } }),
      ['messageStop', { stopReason: 'max_tokens' }],
    ]);
    const calls = events.filter((e) => e.type === 'tool-call');
    expect(calls.map((e) => e.input)).toEqual([{}, {}]);
    expect(decoder.notes).toEqual([{ kind: 'invalid-tool-input', index: 1, id: 'b', raw: '{"cut' }]);
    // The message stop closed the block the wire left open.
    expect(events.at(-2)).toEqual({ type: 'content-block-stop', index: 1 });
    expect(events.at(-1)).toEqual({ type: 'message-stop', stopReason: 'max_tokens' });
  });

  it('ignores citation deltas, notes unknown events and deltas, and passes guardrail traces', () => {
    const { events, decoder } = decode([
      delta(0, { citation: { title: 'doc' } }),
      delta(0, { text: 'Cited.' }),
      delta(1, { image: { source: {} } }),
      ['somethingNew', {}],
      ['messageStop', { stopReason: 'guardrail_intervened' }],
      ['metadata', { usage, trace: { guardrail: { action: 'BLOCKED' } } }],
    ]);
    expect(
      events.some((e) => e.type === 'guardrail' && (e.trace as { action: string }).action === 'BLOCKED'),
    ).toBe(true);
    expect(collect(events).message.content).toEqual([{ type: 'text', text: 'Cited.' }]);
    expect(decoder.notes).toEqual([
      { kind: 'unknown-block', index: 1, member: 'image' },
      { kind: 'unknown-event', name: 'somethingNew' },
    ]);
  });

  it('reports a stream without its closing events as incomplete', () => {
    const { decoder } = decode([delta(0, { text: 'Hel' })]);
    expect(decoder.finish()).toEqual({ complete: false });
    expect(decoder.snapshot()).toEqual({ content: [{ type: 'text', text: 'Hel' }], text: 'Hel' });
    const stopOnly = decode([delta(0, { text: 'x' }), ['messageStop', { stopReason: 'end_turn' }]]);
    expect(stopOnly.decoder.finish().complete).toBe(false);
  });

  it('maps exception frames to the error classes, with the partial output', () => {
    const { decoder } = decode([delta(0, { text: 'Half an ans' })]);
    const streamError = decoder.exception('modelStreamErrorException', {
      message: 'Model Stream Error',
      originalStatusCode: 500,
      originalMessage: 'The model stream failed.',
    });
    expect(streamError).toBeInstanceOf(ModelStreamError);
    expect((streamError as ModelStreamError).partial?.text).toBe('Half an ans');
    expect(streamError.message).toContain('The model stream failed.');
    expect(streamError.status).toBe(424);
    expect(streamError.requestId).toBe('req-1');
    expect(decoder.exception('throttlingException', { message: 'slow down' })).toBeInstanceOf(RateLimitError);
    expect(decoder.exception('serviceUnavailableException', { message: 'x' })).toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(decoder.exception('validationException', { message: 'bad' })).toBeInstanceOf(ValidationError);
    expect(decoder.exception('internalServerException', { message: 'x' }).retryable).toBe(true);
    expect(decoder.exception('modelTimeoutException', { message: 'x' }).code).toBe('model_timeout');
  });

  it('passes an exception arriving as a stream member on as an error event', () => {
    const { events } = decode([['throttlingException', { message: 'Too many requests' }]]);
    const error = events.find((e): e is ChatEvent & { type: 'error' } => e.type === 'error');
    expect(error?.error).toBeInstanceOf(RateLimitError);
    expect(() => collect(events)).toThrow(RateLimitError);
  });

  it('maps model_context_window_exceeded to max_tokens and notes stop reasons it cannot map', () => {
    const { events, decoder } = decode([
      ['messageStop', { stopReason: 'model_context_window_exceeded' }],
      ['messageStop', { stopReason: 'malformed_tool_use' }],
    ]);
    expect(events.filter((e) => e.type === 'message-stop').map((e) => e.stopReason)).toEqual([
      'max_tokens',
      'end_turn',
    ]);
    expect(decoder.notes).toEqual([{ kind: 'unmapped-stop-reason', value: 'malformed_tool_use' }]);
  });
});
