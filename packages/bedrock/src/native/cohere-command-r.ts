/**
 * Cohere Command R / R+: the current user message in `message`, earlier turns in `chat_history`
 * (USER / CHATBOT), the system prompt as `preamble`. Cohere's tools (flat `parameter_definitions`,
 * calls without ids) are not mapped here: Converse carries Command R's tool use with real ids, so tool
 * requests belong there; tool calls in a reply are noted, not silently dropped.
 */
import type { DecoderNote } from '../converse/decoded.js';
import { mergeFields } from '../converse/merge-fields.js';
import { asNumber, asRecord, asString, type JsonRecord } from '../converse/read-json.js';
import { mapStopReason } from '../converse/stop-reason.js';
import { usageOf } from '../converse/usage.js';
import { ValidationError } from '../errors/strata-error.js';
import type { StopReason } from '../types/events.js';
import { compact } from './body.js';
import { systemText, textTurns } from './text-prompt.js';
import { textResponse } from './text-response.js';
import { TextStreamDecoder } from './text-stream-decoder.js';
import type { NativeCodec } from './types.js';

const STOP: Record<string, StopReason> = {
  COMPLETE: 'end_turn',
  MAX_TOKENS: 'max_tokens',
  STOP_SEQUENCE: 'stop_sequence',
  ERROR_TOXIC: 'content_filtered',
  ERROR_LIMIT: 'max_tokens',
};

function noteToolCalls(r: JsonRecord, notes: DecoderNote[]): void {
  if (Array.isArray(r.tool_calls) && r.tool_calls.length > 0)
    notes.push({ kind: 'unknown-block', index: 0, member: 'tool_calls' });
}

export const cohereCommandR: NativeCodec = {
  family: 'cohere-command-r',
  encodeRequest(request, model) {
    const turns = textTurns(request, model);
    const last = turns.at(-1);
    if (last?.role !== 'user') {
      throw new ValidationError(
        `${model.name} answers a user message: the last message must be the user's (Cohere's native body has no assistant prefill).`,
        { path: turns.length > 0 ? `messages.${turns.length - 1}.role` : 'messages' },
      );
    }
    const history = turns
      .slice(0, -1)
      .map((turn) => ({ role: turn.role === 'user' ? 'USER' : 'CHATBOT', message: turn.text }));
    const body = compact({
      message: last.text,
      chat_history: history.length > 0 ? history : undefined,
      preamble: systemText(request.system) || undefined,
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      p: request.topP,
      k: request.topK,
      stop_sequences: request.stopSequences,
    });
    return mergeFields(body, request.additionalModelRequestFields);
  },
  decodeResponse(body) {
    const r = asRecord(body);
    const notes: DecoderNote[] = [];
    noteToolCalls(r, notes);
    // Bedrock's Cohere replies may carry Cohere's billed units; the response headers always carry counts.
    const billed = asRecord(asRecord(r.meta).billed_units);
    return textResponse(
      r,
      {
        text: asString(r.text),
        stopReason: mapStopReason(r.finish_reason, STOP, notes),
        stopSeen: typeof r.finish_reason === 'string',
        usage: usageOf({
          inputTokens: asNumber(billed.input_tokens),
          outputTokens: asNumber(billed.output_tokens),
        }),
      },
      notes,
    );
  },
  streamDecoder: (options) =>
    new TextStreamDecoder(options, (chunk, notes) => {
      switch (chunk.event_type) {
        case 'stream-start':
          return {};
        case 'text-generation': {
          const text = asString(chunk.text);
          return text !== undefined ? { text } : {};
        }
        case 'stream-end':
          return { stopReason: mapStopReason(chunk.finish_reason, STOP, notes) };
        default:
          notes.push({ kind: 'unknown-event', name: `cohere:${String(chunk.event_type)}` });
          return {};
      }
    }),
};
