/**
 * Claude v2 / Instant text completions: `{prompt: "\n\nHuman: …\n\nAssistant:", max_tokens_to_sample…}`.
 * A system prompt is the text before the first Human turn (Anthropic's Claude 2.1 convention).
 */
import type { DecoderNote } from '../converse/decoded.js';
import { mergeFields } from '../converse/merge-fields.js';
import { asRecord, asString, type JsonRecord } from '../converse/read-json.js';
import { mapStopReason } from '../converse/stop-reason.js';
import { emptyUsage } from '../converse/usage.js';
import type { StopReason } from '../types/events.js';
import { compact, requiredMaxTokens } from './body.js';
import { requireAlternation, systemText, type TextTurn, textTurns } from './text-prompt.js';
import { textResponse } from './text-response.js';
import { TextStreamDecoder } from './text-stream-decoder.js';
import type { NativeCodec } from './types.js';

const HUMAN = '\n\nHuman:';

/** A trailing assistant turn is a prefill: the prompt then ends with its text instead of a bare `Assistant:`. */
export function claudeTextPrompt(system: string, turns: TextTurn[]): string {
  let prompt = system;
  for (const turn of turns) prompt += `\n\n${turn.role === 'user' ? 'Human' : 'Assistant'}: ${turn.text}`;
  if (turns.at(-1)?.role !== 'assistant') prompt += '\n\nAssistant:';
  return prompt;
}

/**
 * `stop_sequence` is also how Claude v2 reports its natural end: it stopped at the `\n\nHuman:` Bedrock
 * always adds. Only another stop sequence is a stop_sequence stop.
 */
function stopOf(r: JsonRecord, notes: DecoderNote[]): StopReason | undefined {
  if (typeof r.stop_reason !== 'string') return undefined;
  if (r.stop_reason === 'stop_sequence')
    return r.stop == null || r.stop === HUMAN ? 'end_turn' : 'stop_sequence';
  return mapStopReason(r.stop_reason, { max_tokens: 'max_tokens' }, notes);
}

export const claudeText: NativeCodec = {
  family: 'claude-text',
  encodeRequest(request, model) {
    const turns = textTurns(request, model);
    requireAlternation(turns, model);
    const body = compact({
      prompt: claudeTextPrompt(systemText(request.system), turns),
      max_tokens_to_sample: requiredMaxTokens(request, model),
      temperature: request.temperature,
      top_p: request.topP,
      top_k: request.topK,
      stop_sequences: request.stopSequences,
    });
    return mergeFields(body, request.additionalModelRequestFields);
  },
  decodeResponse(body) {
    const r = asRecord(body);
    const notes: DecoderNote[] = [];
    const stop = stopOf(r, notes);
    return textResponse(
      r,
      {
        text: asString(r.completion),
        stopReason: stop ?? 'end_turn',
        stopSeen: stop !== undefined,
        usage: emptyUsage(),
      },
      notes,
    );
  },
  streamDecoder: (options) =>
    new TextStreamDecoder(options, (chunk, notes) => {
      const stopReason = stopOf(chunk, notes);
      const text = asString(chunk.completion);
      return { ...(text !== undefined ? { text } : {}), ...(stopReason ? { stopReason } : {}) };
    }),
};
