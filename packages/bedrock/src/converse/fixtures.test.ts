/**
 * Every captured Bedrock reply in the emulator's fixtures, decoded. Expectations are computed here
 * from the fixture JSON itself, independently of the decoders, then spot-checked by hand below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { describe, expect, it } from 'vitest';
import { ModelStreamError, type StrataError, ValidationError } from '../errors/strata-error.js';
import type { ContentBlock } from '../types/content.js';
import { collect } from './collect-events.js';
import { ConverseStreamDecoder } from './converse-stream-decoder.js';
import { fromConverseResponse } from './from-converse.js';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are arbitrary JSON, read loosely on purpose.
type Json = any;

const DIR = new URL('../../../emulator/fixtures/bedrock/vercel-ai/', import.meta.url);
const files = readdirSync(DIR).sort();
const read = (file: string): string => readFileSync(new URL(file, DIR), 'utf8');
const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

function expectedUsage(u: Json) {
  return {
    inputTokens: u.inputTokens,
    outputTokens: u.outputTokens,
    totalTokens: u.totalTokens,
    cacheReadInputTokens: u.cacheReadInputTokens ?? u.cacheReadInputTokenCount ?? 0,
    cacheWriteInputTokens: u.cacheWriteInputTokens ?? u.cacheWriteInputTokenCount ?? 0,
  };
}

function expectedBlock(b: Json): ContentBlock {
  if ('text' in b) return { type: 'text', text: b.text };
  if ('toolUse' in b)
    return { type: 'tool-use', id: b.toolUse.toolUseId, name: b.toolUse.name, input: b.toolUse.input };
  const r = b.reasoningContent;
  if (r.redactedContent) return { type: 'redacted-reasoning', data: bytes(r.redactedContent) };
  const { text, signature } = r.reasoningText;
  return signature === undefined ? { type: 'reasoning', text } : { type: 'reasoning', text, signature };
}

/** What a ConverseStream capture says, read straight off its lines. */
function expectedFromStream(lines: Json[]) {
  const blocks = new Map<number, Json>();
  const at = (i: number) => blocks.get(i) ?? blocks.set(i, {}).get(i);
  let stopReason: string | undefined;
  let usage: Json;
  for (const line of lines) {
    if (line.contentBlockStart?.start?.toolUse) {
      const { toolUseId, name } = line.contentBlockStart.start.toolUse;
      at(line.contentBlockStart.contentBlockIndex).tool = { id: toolUseId, name, json: '' };
    }
    const delta = line.contentBlockDelta?.delta;
    if (delta) {
      const b = at(line.contentBlockDelta.contentBlockIndex);
      if (typeof delta.text === 'string') b.text = (b.text ?? '') + delta.text;
      if (delta.toolUse) b.tool.json += delta.toolUse.input;
      const r = delta.reasoningContent;
      if (r?.text !== undefined) b.reasoning = (b.reasoning ?? '') + r.text;
      if (r?.signature !== undefined) b.signature = r.signature;
      if (r?.redactedContent !== undefined) b.redacted = r.redactedContent;
    }
    if (line.messageStop) stopReason = line.messageStop.stopReason;
    if (line.metadata) usage = line.metadata.usage;
  }
  const content: ContentBlock[] = [...blocks.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([, b]): ContentBlock[] => {
      if (b.tool)
        return [
          { type: 'tool-use', id: b.tool.id, name: b.tool.name, input: JSON.parse(b.tool.json || '{}') },
        ];
      if (b.redacted) return [{ type: 'redacted-reasoning', data: bytes(b.redacted) }];
      if (b.reasoning || b.signature) {
        return [
          b.signature
            ? { type: 'reasoning', text: b.reasoning ?? '', signature: b.signature }
            : { type: 'reasoning', text: b.reasoning },
        ];
      }
      return b.text ? [{ type: 'text', text: b.text }] : [];
    });
  return { content, stopReason, usage };
}

function decodeLines(lines: Json[]) {
  const decoder = new ConverseStreamDecoder({ model: 'fixture' });
  const events = lines.flatMap((line) =>
    Object.entries(line).flatMap(([type, payload]) => decoder.push(type, payload)),
  );
  return { decoder, events };
}

/** The frames of raw event-stream bytes, as the transport hands them over. */
function frames(base64: string): { headers: Record<string, string>; payload: unknown }[] {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const buffer = Buffer.from(base64, 'base64');
  const out = [];
  for (let offset = 0; offset < buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const message = codec.decode(new Uint8Array(buffer.subarray(offset, offset + length)));
    offset += length;
    const headers = Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, String(v.value)]));
    out.push({ headers, payload: JSON.parse(toUtf8(message.body)) });
  }
  return out;
}

/** An error body as the stream's validation exception would carry it, or the envelope's own type. */
function errorOf(json: Json): StrataError {
  const type = json.headers?.['x-amzn-errortype']?.split(':')[0] ?? 'ValidationException';
  const member = type.charAt(0).toLowerCase() + type.slice(1);
  return new ConverseStreamDecoder({ model: 'fixture' }).exception(member, json.body ?? json);
}

describe('captured ConverseStream replies', () => {
  it.each(files.filter((f) => f.endsWith('.chunks.txt')))('%s', (file) => {
    const lines = read(file)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
    const want = expectedFromStream(lines);
    const { decoder, events } = decodeLines(lines);
    const result = collect(events);
    expect(result.message.content).toEqual(want.content);
    if (want.stopReason) expect(result.stopReason).toBe(want.stopReason);
    const end = decoder.finish();
    expect(end.complete).toBe(want.stopReason !== undefined && want.usage !== undefined);
    if (want.usage) expect(end.usage).toEqual(expectedUsage(want.usage));
    // Every tool call arrives whole, once, before its block's stop.
    const calls = events.filter((e) => e.type === 'tool-call');
    expect(calls.map((e) => e.input)).toEqual(
      want.content.flatMap((b) => (b.type === 'tool-use' ? [b.input] : [])),
    );
    // Nothing was dropped silently: the only unmapped members are the non-ConverseStream capture's.
    const unknown = lines
      .flatMap((line) => Object.keys(line))
      .filter((k) => !/^(messageStart|contentBlock(Start|Delta|Stop)|messageStop|metadata)$/.test(k));
    expect(decoder.notes).toEqual(unknown.map((name) => ({ kind: 'unknown-event', name })));
  });
});

describe('captured Converse replies and errors', () => {
  it.each(files.filter((f) => f.endsWith('.json')))('%s', (file) => {
    const json = JSON.parse(read(file));
    if (json.output) {
      const decoded = fromConverseResponse(json);
      expect(decoded.message).toEqual({
        role: 'assistant',
        content: json.output.message.content.map(expectedBlock),
      });
      expect(decoded.stopReason).toBe(json.stopReason);
      expect(decoded.usage).toEqual(expectedUsage(json.usage));
      expect(decoded.latencyMs).toBe(json.metrics?.latencyMs);
      expect(decoded.additionalFields).toEqual(json.additionalModelResponseFields);
      expect(decoded.trace).toEqual(json.trace);
      expect(decoded.complete).toBe(true);
      expect(decoded.notes).toEqual([]);
    } else if (json.response?.bodyBase64) {
      const decoder = new ConverseStreamDecoder({ model: json.modelId });
      const events = frames(json.response.bodyBase64).flatMap((f) =>
        decoder.push(f.headers[':event-type'] ?? '', f.payload),
      );
      const result = collect(events);
      expect(result.message.content).toEqual([{ type: 'text', text: json.observed.text }]);
      expect(result.stopReason).toBe('end_turn');
      expect(decoder.finish()).toMatchObject({
        complete: true,
        usage: { inputTokens: json.observed.inputTokens, outputTokens: json.observed.outputTokens },
      });
    } else if (json.message || json.body?.message) {
      const error = errorOf(json);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toContain(json.message ?? json.body.message);
    } else {
      // Not a Converse reply at all (an unknown-operation answer, a note about a failed attempt).
      const decoded = fromConverseResponse(json);
      expect(decoded.complete).toBe(false);
      expect(decoded.message.content).toEqual([]);
    }
  });

  it('maps the captured mid-stream exception frame to ModelStreamError with the model’s own message', () => {
    const [frame] = frames(read('model-stream-error-exception.eventstream.base64.txt').trim());
    expect(frame?.headers[':message-type']).toBe('exception');
    const decoder = new ConverseStreamDecoder({ model: 'fixture' });
    decoder.push('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'So far' } });
    const error = decoder.exception(frame?.headers[':exception-type'] ?? '', frame?.payload);
    expect(error).toBeInstanceOf(ModelStreamError);
    expect(error.message).toContain('The model stream failed.');
    expect((error as ModelStreamError).partial).toEqual({
      content: [{ type: 'text', text: 'So far' }],
      text: 'So far',
    });
  });
});

describe('captured replies, spot checks', () => {
  const stream = (file: string) => {
    const lines = read(file)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    return collect(decodeLines(lines).events).message.content;
  };

  it('a tool call streamed with empty input has input {}', () => {
    expect(stream('bedrock-tool-no-args.chunks.txt')).toEqual([
      { type: 'text', text: "I'll update the issue list for you." },
      { type: 'tool-use', id: 'tool-use-id', name: 'updateIssueList', input: {} },
    ]);
  });

  it('streamed reasoning keeps its signature', () => {
    const [reasoning] = stream('bedrock-reasoning.chunks.txt');
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      text: expect.stringContaining("So there are 3 r's."),
    });
    expect((reasoning as { signature: string }).signature).toMatch(/^Ep0CCkgICxABGAIqQOWPB6/);
  });

  it('redacted reasoning arrives as its bytes, then the tool call parsed from 27 deltas', () => {
    const [redacted, call] = stream('amazon-bedrock-redacted-content.chunks.txt');
    expect(Buffer.from((redacted as { data: Uint8Array }).data).toString('utf8')).toMatch(/^rsn_/);
    expect(call).toEqual({
      type: 'tool-use',
      id: 'call_61f8fcbe423a58699163c53e076f1a06',
      name: 'propose',
      input: {
        groups: [
          { name: 'Sales', parentGroupName: '' },
          { name: 'Team1', parentGroupName: 'Sales' },
        ],
      },
    });
  });

  it('the guardrail reply keeps its trace and stop reason', () => {
    const decoded = fromConverseResponse(JSON.parse(read('amazon-bedrock-guard-content-intervened.json')));
    expect(decoded.stopReason).toBe('guardrail_intervened');
    expect(decoded.trace).toHaveProperty('guardrail.inputAssessment');
  });
});
