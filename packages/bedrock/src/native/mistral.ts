/**
 * Mistral 7B, Mixtral and Mistral Large (2402) text completions: `{prompt: "<s>[INST] … [/INST]", …}`
 * → `{outputs: [{text, stop_reason}]}`. The template is AWS's documented multi-turn form; a system
 * prompt, which these models have no slot for, opens the first instruction (as Mistral's own chat
 * templates do).
 */
import type { DecoderNote } from '../converse/decoded.js';
import { mergeFields } from '../converse/merge-fields.js';
import { asArray, asRecord, asString, type JsonRecord } from '../converse/read-json.js';
import { mapStopReason } from '../converse/stop-reason.js';
import { emptyUsage } from '../converse/usage.js';
import type { StopReason } from '../types/events.js';
import { compact } from './body.js';
import { requireAlternation, systemText, type TextTurn, textTurns } from './text-prompt.js';
import { textResponse } from './text-response.js';
import { TextStreamDecoder } from './text-stream-decoder.js';
import type { NativeCodec } from './types.js';

/** `<s>[INST] system\n\nuser [/INST] answer</s>[INST] user [/INST]` */
export function mistralPrompt(system: string, turns: TextTurn[]): string {
  let prompt = '<s>';
  turns.forEach((turn, i) => {
    if (turn.role === 'user') {
      prompt += `[INST] ${i === 0 && system ? `${system}\n\n${turn.text}` : turn.text} [/INST]`;
    } else {
      // A last assistant turn is a prefill the model continues, so it stays open (no `</s>`).
      prompt += i === turns.length - 1 ? ` ${turn.text}` : ` ${turn.text}</s>`;
    }
  });
  return prompt;
}

/** `stop` covers both the end of the answer and a stop sequence; the body does not tell them apart. */
const STOP: Record<string, StopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  model_length: 'max_tokens',
};

const firstOutput = (r: JsonRecord): JsonRecord => asRecord(asArray(r.outputs)[0]);

export const mistral: NativeCodec = {
  family: 'mistral',
  encodeRequest(request, model) {
    const turns = textTurns(request, model);
    requireAlternation(turns, model);
    const body = compact({
      prompt: mistralPrompt(systemText(request.system), turns),
      max_tokens: request.maxTokens,
      temperature: request.temperature,
      top_p: request.topP,
      top_k: request.topK,
      stop: request.stopSequences,
    });
    return mergeFields(body, request.additionalModelRequestFields);
  },
  decodeResponse(body) {
    const r = asRecord(body);
    const notes: DecoderNote[] = [];
    const output = firstOutput(r);
    return textResponse(
      r,
      {
        text: asString(output.text),
        stopReason: mapStopReason(output.stop_reason, STOP, notes),
        stopSeen: typeof output.stop_reason === 'string',
        usage: emptyUsage(),
      },
      notes,
    );
  },
  streamDecoder: (options) =>
    new TextStreamDecoder(options, (chunk, notes) => {
      const output = firstOutput(chunk);
      const text = asString(output.text);
      return {
        ...(text !== undefined ? { text } : {}),
        ...(typeof output.stop_reason === 'string'
          ? { stopReason: mapStopReason(output.stop_reason, STOP, notes) }
          : {}),
      };
    }),
};
