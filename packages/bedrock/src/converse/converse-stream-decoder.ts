/**
 * ConverseStream events → ChatEvents. Feed it each event frame's `:event-type` and parsed payload;
 * unknown event and delta kinds are noted, never fatal. Real Bedrock pads payloads with a `p` member,
 * which is simply never read.
 */
import type { ChatEvent } from '../types/events.js';
import { fromBase64 } from './binary.js';
import { asNumber, asRecord, asString, isRecord, type JsonRecord } from './read-json.js';
import { CONVERSE_STOP_REASONS, mapStopReason } from './stop-reason.js';
import { type StreamAssembler, StreamDecoderBase } from './stream-assembler.js';
import { isExceptionMember } from './stream-exception.js';
import { converseUsage } from './usage.js';

function blockStart(a: StreamAssembler, index: number, start: JsonRecord): void {
  if (isRecord(start.toolUse)) {
    a.toolStart(index, asString(start.toolUse.toolUseId) ?? '', asString(start.toolUse.name) ?? '');
  } else if (Object.keys(start).length > 0) {
    // Server-side tool results and generated images have no unified block yet.
    a.notes.push({ kind: 'unknown-block', index, member: Object.keys(start).join(',') });
  }
}

function blockDelta(a: StreamAssembler, index: number, delta: JsonRecord): void {
  if (typeof delta.text === 'string') {
    a.text(index, delta.text);
  } else if (isRecord(delta.toolUse)) {
    a.toolDelta(index, asString(delta.toolUse.input) ?? '');
  } else if (isRecord(delta.reasoningContent)) {
    const r = delta.reasoningContent;
    a.reasoning(index, {
      ...(typeof r.text === 'string' ? { text: r.text } : {}),
      ...(typeof r.signature === 'string' ? { signature: r.signature } : {}),
      ...(typeof r.redactedContent === 'string' ? { redacted: fromBase64(r.redactedContent) } : {}),
    });
  } else if (!('citation' in delta)) {
    // Citations name the sources of text that arrives in its own text deltas; the text is kept.
    a.notes.push({ kind: 'unknown-block', index, member: Object.keys(delta).join(',') || 'empty' });
  }
}

/** Applies one ConverseStream member to an assembler (Nova's native stream speaks the same members). */
export function applyConverseEvent(a: StreamAssembler, eventType: string, payload: unknown): void {
  const p = asRecord(payload);
  const index = asNumber(p.contentBlockIndex) ?? 0;
  switch (eventType) {
    case 'messageStart':
      a.start();
      return;
    case 'contentBlockStart':
      blockStart(a, index, asRecord(p.start));
      return;
    case 'contentBlockDelta':
      blockDelta(a, index, asRecord(p.delta));
      return;
    case 'contentBlockStop':
      a.stopBlock(index);
      return;
    case 'messageStop':
      a.stopMessage(
        mapStopReason(p.stopReason, CONVERSE_STOP_REASONS, a.notes),
        isRecord(p.additionalModelResponseFields) ? p.additionalModelResponseFields : undefined,
      );
      return;
    case 'metadata': {
      a.setUsage(converseUsage(p.usage), asNumber(asRecord(p.metrics).latencyMs));
      const guardrail = asRecord(p.trace).guardrail;
      if (guardrail !== undefined) a.guardrail(guardrail);
      return;
    }
    default:
      if (isExceptionMember(eventType)) a.fail(a.exception(eventType, payload));
      else a.notes.push({ kind: 'unknown-event', name: eventType });
  }
}

export class ConverseStreamDecoder extends StreamDecoderBase {
  /** One event frame: its `:event-type` and JSON payload. Returns the ChatEvents it produces. */
  push(eventType: string, payload: unknown): ChatEvent[] {
    applyConverseEvent(this.assembler, eventType, payload);
    return this.assembler.drain();
  }
}
