/**
 * Amazon Titan Text: `{inputText, textGenerationConfig}`. AWS documents the conversational form
 * `User: …\nBot:`; a system prompt, which Titan has no slot for, goes first as plain instructions.
 */
import type { DecoderNote } from '../converse/decoded.js';
import { mergeFields } from '../converse/merge-fields.js';
import { asArray, asNumber, asRecord, asString } from '../converse/read-json.js';
import { mapStopReason } from '../converse/stop-reason.js';
import { usageOf } from '../converse/usage.js';
import type { StopReason } from '../types/events.js';
import { compact } from './body.js';
import { refuseOptions, systemText, type TextTurn, textTurns } from './text-prompt.js';
import { textResponse } from './text-response.js';
import { TextStreamDecoder } from './text-stream-decoder.js';
import type { NativeCodec } from './types.js';

export function titanPrompt(system: string, turns: TextTurn[]): string {
  const lines = turns.map((turn) => `${turn.role === 'user' ? 'User' : 'Bot'}: ${turn.text}`);
  if (turns.at(-1)?.role !== 'assistant') lines.push('Bot:');
  return (system ? `${system}\n\n` : '') + lines.join('\n');
}

const STOP: Record<string, StopReason> = {
  FINISH: 'end_turn',
  FINISHED: 'end_turn',
  LENGTH: 'max_tokens',
  STOP_CRITERIA_MET: 'stop_sequence',
  CONTENT_FILTERED: 'content_filtered',
};

export const titanText: NativeCodec = {
  family: 'titan-text',
  encodeRequest(request, model) {
    refuseOptions(request, model, ['topK']);
    const config = compact({
      maxTokenCount: request.maxTokens,
      temperature: request.temperature,
      topP: request.topP,
      stopSequences: request.stopSequences,
    });
    const body = compact({
      inputText: titanPrompt(systemText(request.system), textTurns(request, model)),
      textGenerationConfig: Object.keys(config).length > 0 ? config : undefined,
    });
    return mergeFields(body, request.additionalModelRequestFields);
  },
  decodeResponse(body) {
    const r = asRecord(body);
    const notes: DecoderNote[] = [];
    const result = asRecord(asArray(r.results)[0]);
    return textResponse(
      r,
      {
        text: asString(result.outputText),
        stopReason: mapStopReason(result.completionReason, STOP, notes),
        stopSeen: typeof result.completionReason === 'string',
        usage: usageOf({
          inputTokens: asNumber(r.inputTextTokenCount),
          outputTokens: asNumber(result.tokenCount),
        }),
      },
      notes,
    );
  },
  streamDecoder: (options) =>
    new TextStreamDecoder(options, (chunk, notes) => {
      const text = asString(chunk.outputText);
      const done = typeof chunk.completionReason === 'string';
      return {
        ...(text !== undefined ? { text } : {}),
        ...(done ? { stopReason: mapStopReason(chunk.completionReason, STOP, notes) } : {}),
      };
    }),
};
