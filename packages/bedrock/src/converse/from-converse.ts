/**
 * Converse JSON → unified types. Total: unknown members are skipped (and noted), absent ones read as
 * empty, so a reply with an unexpected extra never fails to decode. Inline bytes stay base64 (no decode
 * and re-encode on the way through); redacted reasoning becomes bytes, as its unified type requires.
 */
import type {
  BinarySource,
  ContentBlock,
  DocumentBlock,
  DocumentFormat,
  ImageBlock,
  ImageFormat,
  Message,
  ToolResultContent,
} from '../types/content.js';
import { fromBase64 } from './binary.js';
import type { DecodedResponse, DecoderNote } from './decoded.js';
import { asArray, asNumber, asRecord, asString, isRecord, type JsonRecord } from './read-json.js';
import { CONVERSE_STOP_REASONS, mapStopReason } from './stop-reason.js';
import { converseUsage } from './usage.js';

function source(raw: unknown): BinarySource | undefined {
  const r = asRecord(raw);
  if (typeof r.bytes === 'string') return { type: 'base64', data: r.bytes };
  const s3 = asRecord(r.s3Location);
  const uri = asString(s3.uri);
  if (uri === undefined) return undefined;
  const bucketOwner = asString(s3.bucketOwner);
  return bucketOwner === undefined ? { type: 's3', uri } : { type: 's3', uri, bucketOwner };
}

function image(raw: JsonRecord): ImageBlock | undefined {
  const src = source(raw.source);
  if (!src) return undefined;
  const format = asString(raw.format) as ImageFormat | undefined;
  return format === undefined ? { type: 'image', source: src } : { type: 'image', format, source: src };
}

function document(raw: JsonRecord): DocumentBlock | undefined {
  const src = source(raw.source);
  const format = asString(raw.format) as DocumentFormat | undefined;
  const name = asString(raw.name);
  return src && format && name !== undefined ? { type: 'document', format, name, source: src } : undefined;
}

function toolResultItem(raw: unknown): ToolResultContent | undefined {
  const r = asRecord(raw);
  if (typeof r.text === 'string') return { type: 'text', text: r.text };
  if ('json' in r) return { type: 'json', json: r.json };
  if (isRecord(r.image)) return image(r.image);
  if (isRecord(r.document)) return document(r.document);
  return undefined;
}

function reasoning(raw: JsonRecord): ContentBlock | undefined {
  if (typeof raw.redactedContent === 'string')
    return { type: 'redacted-reasoning', data: fromBase64(raw.redactedContent) };
  const text = asRecord(raw.reasoningText);
  if (typeof text.text !== 'string') return undefined;
  const signature = asString(text.signature);
  return signature === undefined
    ? { type: 'reasoning', text: text.text }
    : { type: 'reasoning', text: text.text, signature };
}

/** Citations wrap generated text with its sources; the text is the reply, the sources are dropped. */
const citedText = (raw: JsonRecord): string =>
  asArray(raw.content)
    .map((item) => asString(asRecord(item).text) ?? '')
    .join('');

function contentBlock(raw: unknown): ContentBlock | undefined {
  const b = asRecord(raw);
  // Checked by member, not by "exactly one key": captured replies add `type` beside `text`/`toolUse`.
  if (typeof b.text === 'string') return { type: 'text', text: b.text };
  if (isRecord(b.toolUse)) {
    const { toolUseId, name, input } = b.toolUse;
    return {
      type: 'tool-use',
      id: asString(toolUseId) ?? '',
      name: asString(name) ?? '',
      input: input ?? {},
    };
  }
  if (isRecord(b.reasoningContent)) return reasoning(b.reasoningContent);
  if (isRecord(b.toolResult)) {
    const status = asString(b.toolResult.status);
    return {
      type: 'tool-result',
      toolUseId: asString(b.toolResult.toolUseId) ?? '',
      content: asArray(b.toolResult.content).flatMap((item) => toolResultItem(item) ?? []),
      ...(status === 'success' || status === 'error' ? { status } : {}),
    };
  }
  if (isRecord(b.image)) return image(b.image);
  if (isRecord(b.document)) return document(b.document);
  if (isRecord(b.cachePoint)) return { type: 'cache-point' };
  if (isRecord(b.citationsContent)) return { type: 'text', text: citedText(b.citationsContent) };
  return undefined;
}

/** A Converse content array; blocks with no unified equivalent (video, guardContent…) are noted. */
export function fromConverseContent(raw: unknown, notes: DecoderNote[]): ContentBlock[] {
  return asArray(raw).flatMap((item, index) => {
    const block = contentBlock(item);
    if (block) return [block];
    notes.push({ kind: 'unknown-block', index, member: Object.keys(asRecord(item)).join(',') || 'empty' });
    return [];
  });
}

export function fromConverseMessage(raw: unknown, notes: DecoderNote[] = []): Message {
  const r = asRecord(raw);
  return {
    role: r.role === 'assistant' ? 'assistant' : 'user',
    content: fromConverseContent(r.content, notes),
  };
}

/** A Converse response body. */
export function fromConverseResponse(body: unknown): DecodedResponse {
  const r = asRecord(body);
  const notes: DecoderNote[] = [];
  const output = asRecord(r.output);
  const result: DecodedResponse = {
    message: { role: 'assistant', content: fromConverseContent(asRecord(output.message).content, notes) },
    stopReason: mapStopReason(r.stopReason, CONVERSE_STOP_REASONS, notes),
    usage: converseUsage(r.usage),
    complete: isRecord(output.message) && typeof r.stopReason === 'string',
    notes,
  };
  const latencyMs = asNumber(asRecord(r.metrics).latencyMs);
  if (latencyMs !== undefined) result.latencyMs = latencyMs;
  if (isRecord(r.additionalModelResponseFields)) result.additionalFields = r.additionalModelResponseFields;
  if (r.trace !== undefined) result.trace = r.trace;
  return result;
}
