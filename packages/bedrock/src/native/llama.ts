/**
 * Meta Llama 2 and Llama 3: `{prompt, max_gen_len, temperature, top_p}` with the chat template built
 * into the prompt. Both templates follow Meta's reference chat formatting, which strips each turn;
 * Llama 2's keeps the `<s>` AWS's own examples send. Neither body has stop sequences or top-k.
 */
import type { DecoderNote } from '../converse/decoded.js';
import { mergeFields } from '../converse/merge-fields.js';
import { asNumber, asRecord, asString } from '../converse/read-json.js';
import { mapStopReason } from '../converse/stop-reason.js';
import { usageOf } from '../converse/usage.js';
import type { ModelFamily, ModelInfo } from '../models/model-info.js';
import type { StopReason } from '../types/events.js';
import type { ChatRequest } from '../types/request.js';
import { compact } from './body.js';
import { refuseOptions, requireAlternation, systemText, type TextTurn, textTurns } from './text-prompt.js';
import { textResponse } from './text-response.js';
import { TextStreamDecoder } from './text-stream-decoder.js';
import type { NativeCodec } from './types.js';

/** `<s>[INST] <<SYS>>\n…\n<</SYS>>\n\nuser [/INST] answer </s><s>[INST] user [/INST]` */
export function llama2Prompt(system: string, turns: TextTurn[]): string {
  let prompt = '';
  turns.forEach((turn, i) => {
    const text = turn.text.trim();
    if (turn.role === 'user') {
      const withSystem = i === 0 && system.trim() ? `<<SYS>>\n${system.trim()}\n<</SYS>>\n\n${text}` : text;
      prompt += `<s>[INST] ${withSystem} [/INST]`;
    } else {
      // A last assistant turn is a prefill the model continues, so it stays open (no `</s>`).
      prompt += i === turns.length - 1 ? ` ${text}` : ` ${text} </s>`;
    }
  });
  return prompt;
}

const header = (role: string): string => `<|start_header_id|>${role}<|end_header_id|>\n\n`;

/** `<|begin_of_text|>` then a header and `<|eot_id|>` per turn, ending with an open assistant header. */
export function llama3Prompt(system: string, turns: TextTurn[]): string {
  let prompt = '<|begin_of_text|>';
  if (system.trim()) prompt += `${header('system')}${system.trim()}<|eot_id|>`;
  turns.forEach((turn, i) => {
    const prefill = turn.role === 'assistant' && i === turns.length - 1;
    prompt += header(turn.role) + turn.text.trim() + (prefill ? '' : '<|eot_id|>');
  });
  if (turns.at(-1)?.role !== 'assistant') prompt += header('assistant');
  return prompt;
}

const STOP: Record<string, StopReason> = { stop: 'end_turn', length: 'max_tokens' };

function encoder(template: (system: string, turns: TextTurn[]) => string, paired: boolean) {
  return (request: ChatRequest, model: ModelInfo): Record<string, unknown> => {
    refuseOptions(request, model, ['stopSequences', 'topK']);
    const turns = textTurns(request, model);
    if (paired) requireAlternation(turns, model);
    const body = compact({
      prompt: template(systemText(request.system), turns),
      max_gen_len: request.maxTokens,
      temperature: request.temperature,
      top_p: request.topP,
    });
    return mergeFields(body, request.additionalModelRequestFields);
  };
}

function llamaCodec(family: ModelFamily, encodeRequest: NativeCodec['encodeRequest']): NativeCodec {
  return {
    family,
    encodeRequest,
    decodeResponse(body) {
      const r = asRecord(body);
      const notes: DecoderNote[] = [];
      return textResponse(
        r,
        {
          text: asString(r.generation),
          stopReason: mapStopReason(r.stop_reason, STOP, notes),
          stopSeen: typeof r.stop_reason === 'string',
          usage: usageOf({
            inputTokens: asNumber(r.prompt_token_count),
            outputTokens: asNumber(r.generation_token_count),
          }),
        },
        notes,
      );
    },
    streamDecoder: (options) =>
      new TextStreamDecoder(options, (chunk, notes) => {
        const text = asString(chunk.generation);
        return {
          ...(text !== undefined ? { text } : {}),
          ...(typeof chunk.stop_reason === 'string'
            ? { stopReason: mapStopReason(chunk.stop_reason, STOP, notes) }
            : {}),
        };
      }),
  };
}

export const llama2 = llamaCodec('llama2', encoder(llama2Prompt, true));
export const llama3 = llamaCodec('llama3', encoder(llama3Prompt, false));
