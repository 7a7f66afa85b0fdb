import type { StopReason } from '../types/events.js';
import type { DecoderNote } from './decoded.js';

/**
 * A family's stop reason in unified terms. An unknown value reads as `end_turn` and is noted; an absent
 * one (a reply cut short) reads as `end_turn` quietly, since completeness is reported separately.
 */
export function mapStopReason(
  raw: unknown,
  table: Record<string, StopReason>,
  notes: DecoderNote[],
): StopReason {
  if (typeof raw !== 'string') return 'end_turn';
  const mapped = table[raw];
  if (mapped) return mapped;
  notes.push({ kind: 'unmapped-stop-reason', value: raw });
  return 'end_turn';
}

/**
 * Converse's values. `model_context_window_exceeded` is a length stop; `malformed_model_output` and
 * `malformed_tool_use` have no unified equivalent, so they are noted rather than guessed at.
 */
export const CONVERSE_STOP_REASONS: Record<string, StopReason> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  guardrail_intervened: 'guardrail_intervened',
  content_filtered: 'content_filtered',
  model_context_window_exceeded: 'max_tokens',
};
